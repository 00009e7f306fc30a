{#-
    Affordable homes delivered per 1,000 households (catalogue
    `hou_affordable_completions_per_1000_households`): additional affordable dwellings completed
    in the financial year (social rent, affordable rent, intermediate and affordable home
    ownership).
    Numerator:   total additional affordable dwellings completed (measure
                 `affordable_completions`, Live Table 1008C).
    Denominator: households in the area (measure `households`: P1E to 2017-18, H-CLIC A1 from
                 2018-19) for the same authority and period.
    Value:       numerator / denominator x 1,000; null where either is missing or the
                 denominator is 0 (the row is kept).
    Source:      int_housing__area_counts: counts on 2018 upper-tier geography and England,
                 shire districts summed to counties (never averaged), later-boundary counts
                 apportioned to 2018 authorities (is_apportioned, from the numerator).
    Period:      the financial year ('2017-18', period_end_year 2018).
-#}
{{ config(materialized='view') }}
with

area_counts as (
    select * from {{ ref('int_housing__area_counts') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

affordable_completions as (
    select * from area_counts
    where measure_id = 'affordable_completions'
),

households as (
    select * from area_counts
    where measure_id = 'households'
),

rates as (
    select
        affordable_completions.authority_code,
        affordable_completions.period,
        affordable_completions.period_end_year,
        affordable_completions.value as numerator,
        households.value as denominator,
        affordable_completions.source_dataset_id,
        affordable_completions.is_apportioned
    from affordable_completions
    inner join households
        on
            affordable_completions.authority_code = households.authority_code
            and affordable_completions.period = households.period
),

final as (
    select
        'housing_homelessness' as lens_id,
        'hou_affordable_completions_per_1000_households' as indicator_id,
        rates.authority_code,
        rates.period,
        rates.period_end_year,
        cast(case
            when rates.numerator is null or rates.denominator is null or rates.denominator = 0 then null
            else rates.numerator / rates.denominator * 1000
        end as {{ type_double() }}) as value,  -- noqa: RF04
        cast(rates.numerator as {{ type_double() }}) as numerator,
        cast(rates.denominator as {{ type_double() }}) as denominator,
        rates.source_dataset_id,
        coalesce(rates.is_apportioned, false) as is_apportioned
    from rates
    inner join areas on rates.authority_code = areas.authority_code
)

select * from final
