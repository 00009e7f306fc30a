{#-
    Local authority collected waste per person (catalogue `wst_lacw_per_person_kg`): total local
    authority collected waste (household and non-household) in kilograms per resident.
    Numerator:   local authority collected waste, kg (1,000 x ENV18 Table 1 tonnes;
                 int_indicator_inputs__waste_tonnages: unitary and disposal rows as published,
                 England the sum of them).
    Denominator: resident population, ONS mid-year estimate within the financial year
                 (int_indicator_inputs__population: mid-2016 for 2016-17).
    Value:       numerator / denominator; no row where the tonnage is missing or there is no
                 population for the year.
    Period:      the financial year ('2017-18', period_end_year 2018).
-#}
{{ config(materialized='view') }}
with

waste_tonnages as (
    select * from {{ ref('int_indicator_inputs__waste_tonnages') }}
),

population as (
    select * from {{ ref('int_indicator_inputs__population') }}
),

rates as (
    select
        waste_tonnages.authority_code,
        waste_tonnages.period,
        waste_tonnages.period_end_year,
        1000 * waste_tonnages.lacw_total_tonnes / population.population as value,  -- noqa: RF04
        1000 * waste_tonnages.lacw_total_tonnes as numerator,
        population.population as denominator
    from waste_tonnages
    inner join population
        on
            waste_tonnages.authority_code = population.authority_code
            and waste_tonnages.period_end_year = population.period_end_year
    where population.population > 0
),

final as (
    select
        'waste_recycling' as lens_id,
        'wst_lacw_per_person_kg' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        'defra_lacw' as source_dataset_id,
        false as is_apportioned
    from rates
    where value is not null
)

select * from final
