{#-
    Fly-tipping incidents per 1,000 people (catalogue `wst_flytipping_incidents_per_1000`):
    fly-tipping incidents reported by the council per 1,000 residents.
    Numerator:   fly-tipping incidents reported (Defra ENV24; int_indicator_inputs__flytipping:
                 unitary, metropolitan and London boroughs as published, a county the sum of its
                 shire districts when all of them reported, England's published row).
    Denominator: resident population / 1,000, ONS mid-year estimate within the financial year
                 (int_indicator_inputs__population: mid-2016 for 2016-17; the file's own
                 population column is blank before 2019-20, so it is not used).
    Value:       1,000 x numerator / population; no row where the count is missing or there is
                 no population for the year.
    Period:      the financial year ('2017-18', period_end_year 2018).
-#}
{{ config(materialized='view') }}
with

flytipping as (
    select * from {{ ref('int_indicator_inputs__flytipping') }}
),

population as (
    select * from {{ ref('int_indicator_inputs__population') }}
),

rates as (
    select
        flytipping.authority_code,
        flytipping.period,
        flytipping.period_end_year,
        1000 * flytipping.total_incidents / population.population as value,  -- noqa: RF04
        flytipping.total_incidents as numerator,
        population.population as denominator
    from flytipping
    inner join population
        on
            flytipping.authority_code = population.authority_code
            and flytipping.period_end_year = population.period_end_year
    where population.population > 0
),

final as (
    select
        'waste_recycling' as lens_id,
        'wst_flytipping_incidents_per_1000' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        'defra_flytipping' as source_dataset_id,
        false as is_apportioned
    from rates
    where value is not null
)

select * from final
