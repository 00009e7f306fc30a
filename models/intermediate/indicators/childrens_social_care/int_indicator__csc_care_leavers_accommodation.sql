{#-
    Care leavers aged 19-21 in suitable accommodation (catalogue `csc_care_leavers_accommodation`):
    share of care leavers aged 19, 20 or 21 whose accommodation the council considered suitable,
    from DfE's children looked after counts.
    Numerator:   care leavers aged 19-21 in accommodation considered suitable.
    Denominator: care leavers aged 19-21.
    Value:       100 x numerator / denominator; no value where either is suppressed or the
                 denominator is 0 (missing stays missing, never zero).
    Sources:     SFR41/2016 (2015-16) and SFR50/2017 (2016-17) care leavers files; EES from
                 2017-18, ages '19 to 21 years' (labels in the wording of the 2025 release, which
                 staging gives every year; each year from the latest release covering it).
    Areas:       England and local authorities, placed on 2018 codes by DfE number
                 (int_geography__dfe_authority_codes; EES publishes Buckinghamshire 825 as
                 E06000060 for every year, E10000002 in 2017-19); authorities created after 2019
                 have no values up to 2018-19 and are dropped.
    Period:      the year ending 31 March ('2016-17', period_end_year 2017).
-#}
{{ config(materialized='view') }}
with

care_leavers_2016 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr41_care_leavers_2016') }}
),

care_leavers_2017 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr50_care_leavers_19_21_2017') }}
),

accommodation_ees as (
    select * from {{ ref('stg_dfe_cla_underlying__ees_care_leavers_accommodation') }}
),

dfe_codes as (
    select * from {{ ref('int_geography__dfe_authority_codes') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

sfr_rows as (
    {%- for relation in ['care_leavers_2016', 'care_leavers_2017'] %}
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
        max(case when measure = 'care_leavers_19_21_suitable_accommodation' then value end) as numerator,
        max(case when measure = 'care_leavers_19_21_total' then value end) as denominator
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
        max(case when accommodation_suitability = 'Accommodation considered suitable' then number end) as numerator,
        max(case when accommodation_suitability = 'Suitability total' then number end) as denominator
    from accommodation_ees
    where age_group = '19 to 21 years'
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
        'csc_care_leavers_accommodation' as indicator_id,
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
