{#-
    Household waste reused, recycled or composted (catalogue `wst_household_recycling_pct`):
    percentage of household waste sent for reuse, recycling or composting (former NI192).
    Numerator:   household waste sent for reuse, recycling or composting, tonnes (not in the
                 table: the share is published).
    Denominator: household waste collected, tonnes (not in the table).
    Value:       Defra's published percentage (ENV18 Table 3); numerator and denominator null.
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
        'wst_household_recycling_pct' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(household_waste_recycled_pct as {{ type_double() }}) as value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'defra_lacw' as source_dataset_id,
        false as is_apportioned
    from waste_rates
    where household_waste_recycled_pct is not null
)

select * from final
