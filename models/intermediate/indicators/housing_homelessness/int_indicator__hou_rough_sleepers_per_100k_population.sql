{#-
    Rough sleepers per 100,000 people (catalogue `hou_rough_sleepers_per_100k_population`): people
    counted or estimated sleeping rough on a single autumn night.
    Numerator:   people sleeping rough on the autumn snapshot night (measure `rough_sleepers` of
                 int_housing__area_counts: shire districts summed to counties, later-boundary
                 counts of April-2022 geography apportioned to 2018 authorities: is_apportioned).
    Denominator: resident population, all ages, ONS mid-year estimate of the snapshot year
                 (int_population__upper_tier; England is the sum of the upper-tier authorities).
    Value:       numerator / denominator x 100,000; null where either is missing or the
                 denominator is 0 (the row is kept); no row for a year without a population.
    Period:      the financial year the autumn snapshot falls in (autumn 2016: '2016-17',
                 period_end_year 2017), so the population is mid-year period_end_year - 1.
-#}
{{ config(materialized='view') }}
with

area_counts as (
    select * from {{ ref('int_housing__area_counts') }}
),

upper_tier_population as (
    select * from {{ ref('int_population__upper_tier') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

rough_sleepers as (
    select * from area_counts
    where measure_id = 'rough_sleepers'
),

population as (
    select
        authority_code,
        mid_year,
        persons_all_ages
    from upper_tier_population
    union all
    select
        '{{ var("england_code") }}' as authority_code,
        mid_year,
        sum(persons_all_ages) as persons_all_ages
    from upper_tier_population
    group by mid_year
),

rates as (
    select
        rough_sleepers.authority_code,
        rough_sleepers.period,
        rough_sleepers.period_end_year,
        rough_sleepers.value as numerator,
        population.persons_all_ages as denominator,
        rough_sleepers.source_dataset_id,
        rough_sleepers.is_apportioned
    from rough_sleepers
    inner join population
        on
            rough_sleepers.authority_code = population.authority_code
            and rough_sleepers.period_end_year - 1 = population.mid_year
),

final as (
    select
        'housing_homelessness' as lens_id,
        'hou_rough_sleepers_per_100k_population' as indicator_id,
        rates.authority_code,
        rates.period,
        rates.period_end_year,
        cast(case
            when rates.numerator is null or rates.denominator is null or rates.denominator = 0 then null
            else rates.numerator / rates.denominator * 100000
        end as {{ type_double() }}) as value,  -- noqa: RF04
        cast(rates.numerator as {{ type_double() }}) as numerator,
        cast(rates.denominator as {{ type_double() }}) as denominator,
        rates.source_dataset_id,
        coalesce(rates.is_apportioned, false) as is_apportioned
    from rates
    inner join areas on rates.authority_code = areas.authority_code
)

select * from final
