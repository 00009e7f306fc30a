{#-
    dfe_sfr_long(relation, measures, period_end_year): the body of a staging model for one wide
    DfE SFR underlying-data file (SFR41/2016, SFR50/2017): one row per area and measure.
    `measures` is a list of [published column, measure name] pairs. Inner and Outer London
    (published with the London code) get E13000001/E13000002; national and regional rows carry no
    DfE number; markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
{% macro dfe_sfr_long(relation, measures, period_end_year) -%}
with

source as (
    select * from {{ relation }}
),

renamed as (
    select
        case upper(trim(geog_n))
            when 'INNER LONDON' then 'E13000001'
            when 'OUTER LONDON' then 'E13000002'
            else {{ normalise_authority_code('new_geog_code') }}
        end as authority_code,
        case when upper(trim(geog_l)) in ('NATIONAL', 'REGION') then null else trim(geog_c) end as dfe_code,
        trim(geog_n) as authority_name,
        case
            when upper(trim(geog_l)) = 'NATIONAL' then 'national'
            when upper(trim(geog_l)) = 'REGION' then 'regional'
            else 'local authority'
        end as geographic_level,
        {%- for item in measures %}
            {{ item[0] }},
        {%- endfor %}
        _source_file as source_file
    from source
    where new_geog_code is not null and trim(new_geog_code) <> ''
),

unpivoted as (
    {{ unpivot_columns(
        'renamed',
        ['authority_code', 'dfe_code', 'authority_name', 'geographic_level', 'source_file'],
        measures,
        'measure',
        'value_text'
    ) }}
),

final as (
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        {{ financial_year_label(period_end_year) }} as period,
        {{ period_end_year }} as period_end_year,
        measure,
        {{ parse_number('value_text') }} as value,  -- noqa: RF04
        {{ is_suppressed('value_text') }} as is_suppressed,
        source_file
    from unpivoted
)

select * from final
{%- endmacro %}
