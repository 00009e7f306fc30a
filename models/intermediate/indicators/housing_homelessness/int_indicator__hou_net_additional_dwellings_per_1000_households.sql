{#-
    Net additional dwellings per 1,000 households (catalogue
    `hou_net_additional_dwellings_per_1000_households`): net additions to the dwelling stock in
    the financial year (new build, conversions and change of use less demolitions); per 1,000
    dwellings is not possible because no dwelling stock table is in the shared data. The value
    can be negative (demolitions exceeding additions).
    Numerator:   net additional dwellings (measure `net_additional_dwellings`, Live Table 122).
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

net_additions as (
    select * from area_counts
    where measure_id = 'net_additional_dwellings'
),

households as (
    select * from area_counts
    where measure_id = 'households'
),

rates as (
    select
        net_additions.authority_code,
        net_additions.period,
        net_additions.period_end_year,
        net_additions.value as numerator,
        households.value as denominator,
        net_additions.source_dataset_id,
        net_additions.is_apportioned
    from net_additions
    inner join households
        on
            net_additions.authority_code = households.authority_code
            and net_additions.period = households.period
),

final as (
    select
        'housing_homelessness' as lens_id,
        'hou_net_additional_dwellings_per_1000_households' as indicator_id,
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
