{#-
    Households in temporary accommodation per 1,000 households (catalogue
    `hou_temporary_accommodation_per_1000_households`): households in temporary accommodation
    arranged by the council on 31 March.
    Numerator:   households in temporary accommodation at 31 March (measure `households_in_ta`:
                 quarterly TA1 at 31 March, else Live Table 784, else the processed 2004-2018
                 extraction).
    Denominator: households in the area (measure `households`: P1E to 2017-18, H-CLIC A1 from
                 2018-19) for the same authority and period.
    Value:       numerator / denominator x 1,000; null where either is missing or the
                 denominator is 0 (the row is kept).
    Source:      int_housing__area_counts: counts on 2018 upper-tier geography and England,
                 shire districts summed to counties (never averaged), later-boundary counts
                 apportioned to 2018 authorities (is_apportioned, from the numerator).
    Period:      the financial year ending on the 31 March of the count ('2017-18',
                 period_end_year 2018).
-#}
{{ config(materialized='view') }}
with

area_counts as (
    select * from {{ ref('int_housing__area_counts') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

temporary_accommodation as (
    select * from area_counts
    where measure_id = 'households_in_ta'
),

households as (
    select * from area_counts
    where measure_id = 'households'
),

rates as (
    select
        temporary_accommodation.authority_code,
        temporary_accommodation.period,
        temporary_accommodation.period_end_year,
        temporary_accommodation.value as numerator,
        households.value as denominator,
        temporary_accommodation.source_dataset_id,
        temporary_accommodation.is_apportioned
    from temporary_accommodation
    inner join households
        on
            temporary_accommodation.authority_code = households.authority_code
            and temporary_accommodation.period = households.period
),

final as (
    select
        'housing_homelessness' as lens_id,
        'hou_temporary_accommodation_per_1000_households' as indicator_id,
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
