{#-
    Residual household waste per household (catalogue `wst_residual_waste_per_household_kg`):
    kilograms of household waste not sent for reuse, recycling or composting per household in the
    year (former NI191).
    Numerator:   residual household waste, kg (not in the table: the rate is published).
    Denominator: households (not in the table).
    Value:       Defra's published kg per household (ENV18 Table 3); numerator and denominator
                 null.
    Source:      int_indicator_inputs__waste_rates: unitary and disposal authorities as published
                 (a county's disposal row covers the whole county), metropolitan and London boroughs
                 of joint disposal authorities by their own rows, England's published row. A
                 missing value gives no row.
    Period:      the financial year ('2017-18', period_end_year 2018).
-#}
{{ config(materialized='view') }}
with

waste_rates as (
    select * from {{ ref('int_indicator_inputs__waste_rates') }}
),

final as (
    select
        'waste_recycling' as lens_id,
        'wst_residual_waste_per_household_kg' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(residual_household_waste_kg_per_household as {{ type_double() }}) as value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'defra_lacw' as source_dataset_id,
        false as is_apportioned
    from waste_rates
    where residual_household_waste_kg_per_household is not null
)

select * from final
