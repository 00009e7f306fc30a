{#-
    Households accepted as homeless per 1,000 households (catalogue
    `hou_homeless_acceptances_per_1000_households`): households accepted as owed the main
    homelessness duty (eligible, unintentionally homeless and in priority need) in the financial
    year. From April 2018 (H-CLIC) acceptances are decided only after the relief duty, so 2018-19
    values are lower and do not compare directly with earlier years.
    Numerator:   households accepted as owed the main duty (measure `acceptances`: P1E Live Table
                 784, else the processed 2004-2018 extraction, to 2017-18; H-CLIC MD1 from
                 2018-19).
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
        'hou_homeless_acceptances_per_1000_households' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        coalesce(is_apportioned, false) as is_apportioned
    from per_1000_households
    where measure_id = 'acceptances'
)

select * from final
