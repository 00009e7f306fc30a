{#-
    Children looked after with a concerning SDQ score (catalogue `csc_sdq_concern`): share of
    children aged 5-16 looked after for 12 months or more whose Strengths and Difficulties
    Questionnaire score is a cause for concern (17 or more), of those with a score; DfE's counts,
    not LAIT's average score (Emotional_LAC).
    Numerator:   children 5-16 looked after 12+ months with an SDQ score of 17 or more.
    Denominator: children 5-16 looked after 12+ months with an SDQ score.
    Value:       100 x numerator / denominator; no value where either is suppressed or the
                 denominator is 0 (missing stays missing, never zero).
    Sources:     SFR41/2016 (2015-16) and SFR50/2017 (2016-17) outcomes files (OC2); EES from
                 2017-18, group 'Ages 5 to 16 years with SDQ score' (labels in the wording of the
                 2025 release, which staging gives every year; each year from the latest release
                 covering it).
    Areas:       England and local authorities, placed on 2018 codes by DfE number
                 (int_geography__dfe_authority_codes; EES publishes Buckinghamshire 825 as
                 E06000060 for every year, E10000002 in 2017-19); authorities created after 2019
                 have no values up to 2018-19 and are dropped.
    Period:      the year ending 31 March ('2016-17', period_end_year 2017).
-#}
{{ config(materialized='view') }}
with

outcomes_2016 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr41_oc2_2016') }}
),

outcomes_2017 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr50_oc2_2017') }}
),

outcomes_ees as (
    select * from {{ ref('stg_dfe_cla_underlying__ees_outcomes') }}
),

dfe_codes as (
    select * from {{ ref('int_geography__dfe_authority_codes') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

sfr_rows as (
    {%- for relation in ['outcomes_2016', 'outcomes_2017'] %}
        select
            authority_code,
            dfe_code,
            geographic_level,
            period,
            period_end_year,
            measure,
            value  -- noqa: RF04
        from {{ relation }}
        where geographic_level in ('national', 'local authority')
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

sfr_counts as (
    select
        authority_code,
        dfe_code,
        geographic_level,
        period,
        period_end_year,
        max(case when measure = 'sdq_concern' then value end) as numerator,
        max(case when measure = 'sdq_received' then value end) as denominator
    from sfr_rows
    group by authority_code, dfe_code, geographic_level, period, period_end_year
),

ees_counts as (
    select
        authority_code,
        dfe_code,
        geographic_level,
        period,
        period_end_year,
        max(case when characteristic = 'SDQ score is a cause for concern' then number end) as numerator,
        max(case when characteristic = 'SDQ score was received' then number end) as denominator
    from outcomes_ees
    where cla_group = 'Ages 5 to 16 years with SDQ score'
    group by authority_code, dfe_code, geographic_level, period, period_end_year
),

counts as (
    select * from sfr_counts
    union all
    select * from ees_counts
),

shares as (
    select
        case
            when counts.geographic_level = 'national' then counts.authority_code
            else dfe_codes.authority_code
        end as authority_code,
        counts.period,
        counts.period_end_year,
        100.0 * counts.numerator / counts.denominator as value,  -- noqa: RF04
        counts.numerator,
        counts.denominator,
        'dfe_cla' as source_dataset_id
    from counts
    left join dfe_codes on counts.dfe_code = dfe_codes.dfe_code and dfe_codes.is_upper_tier_2018
    where
        counts.geographic_level in ('national', 'local authority')
        and counts.numerator is not null
        and counts.denominator > 0
),

final as (
    select
        'childrens_social_care' as lens_id,
        'csc_sdq_concern' as indicator_id,
        shares.authority_code,
        shares.period,
        shares.period_end_year,
        cast(shares.value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(shares.numerator as {{ type_double() }}) as numerator,
        cast(shares.denominator as {{ type_double() }}) as denominator,
        shares.source_dataset_id,
        false as is_apportioned
    from shares
    inner join areas on shares.authority_code = areas.authority_code
)

select * from final
