{#-
    Still at home 91 days after reablement (catalogue `op_reablement_still_at_home_91_days`): ASCOF
    2B(1), disaggregation 'Total' (all people (a 65+ measure by definition)).
    Numerator:   People aged 65+ at home 91 days after discharge into reablement.
    Denominator: People aged 65+ discharged from hospital into reablement/rehabilitation (October to
                 December).
    Value:       ASCOF's published outcome (percent); numerator and denominator as published, null
                 where the source gives values only.
    Source:      int_indicator_inputs__ascof: NHS Digital open data, else the processed extract;
                 2018 upper tier and England; a suppressed or missing value gives no row. No Oflog
                 metric is this measure.
    Period:      the ASCOF financial year ('2017-18', period_end_year 2018), up to 2018-19.
-#}
{{ config(materialized='view') }}
with

ascof as (
    select * from {{ ref('int_indicator_inputs__ascof') }}
),

final as (
    select
        'older_people' as lens_id,
        'op_reablement_still_at_home_91_days' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from ascof
    where measure_code = '2B(1)' and disaggregation = 'Total'
)

select * from final
