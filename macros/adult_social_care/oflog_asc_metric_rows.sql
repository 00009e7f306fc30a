{#-
    oflog_asc_metric_rows(relation, metric_code): the body of a staging model for an Oflog adult
    social care metrics file: one row per local authority, financial year and metric, with the
    code normalised, the financial year's end year, the metric's unit (oflog_asc_metric_unit), the
    value parsed (markers -> null with is_suppressed). `metric_code` is the SQL expression giving
    the ASC1 ... ASC7 code (the files differ only there). Rows with no authority code are dropped.
-#}
{% macro oflog_asc_metric_rows(relation, metric_code) -%}
with

source as (
    select * from {{ relation }}
),

renamed as (
    select
        {{ normalise_authority_code('local_authority_code') }} as authority_code,
        trim(local_authority_name) as authority_name,
        trim(financial_year) as period,
        {{ financial_year_end('trim(financial_year)') }} as period_end_year,
        {{ metric_code }} as metric_code,
        trim(measure) as metric_name,
        {{ parse_number('value') }} as metric_value,
        {{ is_suppressed('value') }} as is_suppressed,
        _source_file as source_file
    from source
    where local_authority_code is not null and trim(local_authority_code) <> ''
),

final as (
    select
        authority_code,
        authority_name,
        period,
        period_end_year,
        metric_code,
        metric_name,
        {{ oflog_asc_metric_unit('metric_code') }} as metric_unit,
        metric_value,
        is_suppressed,
        source_file
    from renamed
)

select * from final
{%- endmacro %}
