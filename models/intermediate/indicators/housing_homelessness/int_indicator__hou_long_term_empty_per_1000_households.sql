{#-
    Long-term empty homes per 1,000 households (catalogue
    `hou_long_term_empty_per_1000_households`): dwellings empty and unfurnished for more than six
    months in October (per 1,000 dwellings is not possible without a dwelling stock table). Live
    Table 615 is not in the shared data: values exist only in the demo.
    Numerator:   long-term vacant dwellings in October (measure `long_term_vacant_dwellings`, Live
                 Table 615).
    Denominator: households in the area (measure `households`: P1E to 2017-18, H-CLIC A1 from
                 2018-19) for the same authority and period.
    Value:       numerator / denominator x 1,000; null where either is missing or the
                 denominator is 0 (the row is kept).
    Source:      int_housing__area_counts: counts on 2018 upper-tier geography and England,
                 shire districts summed to counties (never averaged), later-boundary counts
                 apportioned to 2018 authorities (is_apportioned, from the numerator).
    Period:      the financial year the October count falls in (October 2016: '2016-17',
                 period_end_year 2017).
-#}
{{ config(materialized='view') }}
with

area_counts as (
    select * from {{ ref('int_housing__area_counts') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

long_term_empty as (
    select * from area_counts
    where measure_id = 'long_term_vacant_dwellings'
),

households as (
    select * from area_counts
    where measure_id = 'households'
),

rates as (
    select
        long_term_empty.authority_code,
        long_term_empty.period,
        long_term_empty.period_end_year,
        long_term_empty.value as numerator,
        households.value as denominator,
        long_term_empty.source_dataset_id,
        long_term_empty.is_apportioned
    from long_term_empty
    inner join households
        on
            long_term_empty.authority_code = households.authority_code
            and long_term_empty.period = households.period
),

final as (
    select
        'housing_homelessness' as lens_id,
        'hou_long_term_empty_per_1000_households' as indicator_id,
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
