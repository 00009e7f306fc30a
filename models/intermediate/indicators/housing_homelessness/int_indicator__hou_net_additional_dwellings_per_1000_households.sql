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
    Source:      int_indicator_inputs__per_1000_households (from int_housing__area_counts:
                 counts on 2018 upper-tier geography and England, shire districts summed to
                 counties (never averaged), later-boundary counts apportioned to 2018 authorities;
                 is_apportioned from the numerator).
    Period:      the financial year ('2017-18', period_end_year 2018).
-#}
{{ config(materialized='view') }}
with

per_1000_households as (
    select * from {{ ref('int_indicator_inputs__per_1000_households') }}
),

final as (
    select
        'housing_homelessness' as lens_id,
        'hou_net_additional_dwellings_per_1000_households' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        coalesce(is_apportioned, false) as is_apportioned
    from per_1000_households
    where measure_id = 'net_additional_dwellings'
)

select * from final
