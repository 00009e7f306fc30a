{#-
    EHC plans issued within 20 weeks (catalogue `dis_ehc_plans_within_20_weeks`): share of new
    education, health and care plans issued within the statutory 20 weeks, excluding exception
    cases, from the DfE SEN2 return as published in LAIT (measure `SEN_EHC_Excpt_20wks`).
    Numerator:   new EHC plans issued within 20 weeks in the calendar year (not published in LAIT).
    Denominator: new EHC plans issued in the calendar year (not published in LAIT).
    Value:       LAIT's published percentage; numerator and denominator null.
    Source:      int_indicator_inputs__lait (final annual values, 2018 upper tier and England).
    Period:      the calendar year the plans were issued in ('2017', period_end_year 2017), up to
                 2019.
-#}
{{ config(materialized='view') }}
with

lait as (
    select * from {{ ref('int_indicator_inputs__lait') }}
),

final as (
    select
        'all_age_disability' as lens_id,
        'dis_ehc_plans_within_20_weeks' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'dfe_lait' as source_dataset_id,
        false as is_apportioned
    from lait
    where
        measure_short = 'SEN_EHC_Excpt_20wks'
        and period_end_year <= 2019
)

select * from final
