{#-
    SFR50/2017 outcomes (OC2) of children looked after for 12 months or more at 31 March 2017: SDQ counts and average score.
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
{%- set measures = [
    ['oc2_12mths', 'cla_12_months'],
    ['oc2_sdq', 'sdq_received'],
    ['oc2_sdqnormal', 'sdq_normal'],
    ['oc2_sdqborderline', 'sdq_borderline'],
    ['oc2_sdqconcern', 'sdq_concern'],
    ['oc2_sdqaverage', 'sdq_average_score'],
] %}

with

source as (
    select * from {{ source('dfe_cla_underlying', 'dfe_cla__sfr50_oc2_2017') }}
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
        {{ financial_year_label(2017) }} as period,
        2017 as period_end_year,
        measure,
        {{ parse_number('value_text') }} as value,  -- noqa: RF04
        {{ is_suppressed('value_text') }} as is_suppressed,
        source_file
    from unpivoted
)

select * from final
