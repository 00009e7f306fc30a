{#-
    Household recycling rejected (catalogue `wst_rejected_recycling_pct`): estimated household
    waste collected for recycling but rejected (contamination, no market) as a percentage of
    household waste collected for recycling.
    Numerator:   estimated household rejects, tonnes (ENV18 Table 1).
    Denominator: household waste sent for recycling plus estimated rejects, tonnes.
    Value:       100 x numerator / denominator; a negative reject estimate, a missing tonnage or a
                 zero denominator gives no row.
    Source:      int_indicator_inputs__waste_tonnages: unitary and disposal rows as published,
                 metropolitan and London boroughs of joint disposal authorities by their own rows,
                 England the sum of unitary and disposal rows.
    Period:      the financial year ('2017-18', period_end_year 2018).
-#}
{{ config(materialized='view') }}
with

waste_tonnages as (
    select * from {{ ref('int_indicator_inputs__waste_tonnages') }}
),

rates as (
    select
        authority_code,
        period,
        period_end_year,
        100 * household_rejects_tonnes / (household_recycled_tonnes + household_rejects_tonnes) as value,  -- noqa: RF04
        household_rejects_tonnes as numerator,
        household_recycled_tonnes + household_rejects_tonnes as denominator
    from waste_tonnages
    where household_rejects_tonnes >= 0 and household_recycled_tonnes + household_rejects_tonnes > 0
),

final as (
    select
        'waste_recycling' as lens_id,
        'wst_rejected_recycling_pct' as indicator_id,
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
