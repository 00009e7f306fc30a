{#-
    Oflog adult social care metrics from adult_social_care.csv (the rows of asc_data.csv without the
    metric code column): one row per local authority, financial year and metric; the code ASC1 ...
    ASC7 is recognised from the metric name (oflog_asc_metric_code), the unit from the code
    (oflog_asc_metric_unit); markers become null values with is_suppressed. Rows with no authority
    code are dropped.
-#}
with

source as (
    select * from {{ source('oflog_asc', 'oflog_asc__adult_social_care') }}
),

renamed as (
    select
        {{ normalise_authority_code('local_authority_code') }} as authority_code,
        trim(local_authority_name) as authority_name,
        trim(financial_year) as period,
        {{ financial_year_end('trim(financial_year)') }} as period_end_year,
        {{ oflog_asc_metric_code('measure') }} as metric_code,
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
