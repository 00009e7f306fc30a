{#-
    Deaths from accidental falls, all ages, a proxy (catalogue `hsc_falls_deaths_rate`): deaths
    registered in the calendar year with accidental falls (ICD-10 W00-W19) as the underlying
    cause, age-standardised mortality rate per 100,000 (ONS via Nomis).
    Numerator:   deaths from accidental falls in the calendar year (published Deaths).
    Denominator: none (the standard population of an age-standardised rate is no denominator).
    Value:       ONS's published age-standardised rate per 100,000 (not numerator / denominator).
    Source:      int_health__falls_mortality: the Nomis export on April-2021 county and unitary
                 geography, each 2021 area placed on the one 2018 authority it matches (same
                 authority, or a successor with the same boundary: Buckinghamshire); areas that
                 match no single 2018 authority (Bournemouth, Christchurch and Poole, Dorset, North
                 and West Northamptonshire) have no value. A suppressed rate gives no row.
    Areas:       2018 upper tier and England.
    Period:      the calendar year of registration ('2017', period_end_year 2017), up to 2019.
-#}
{{ config(materialized='view') }}
with

falls_mortality as (
    select * from {{ ref('int_health__falls_mortality') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

final as (
    select
        'health_social_care_interface' as lens_id,
        'hsc_falls_deaths_rate' as indicator_id,
        falls_mortality.authority_code,
        falls_mortality.period,
        falls_mortality.period_end_year,
        cast(falls_mortality.death_rate as {{ type_double() }}) as value,  -- noqa: RF04
        cast(falls_mortality.deaths as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'ons_falls_mortality_nomis' as source_dataset_id,
        false as is_apportioned
    from falls_mortality
    inner join areas on falls_mortality.authority_code = areas.authority_code
    where
        falls_mortality.death_rate is not null
        and falls_mortality.period_end_year <= 2019
)

select * from final
