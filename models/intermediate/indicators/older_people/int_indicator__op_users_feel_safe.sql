{#-
    Service users who feel safe (65+) (catalogue `op_users_feel_safe`): ASCOF 4A, disaggregation '65
    and over' (the survey result for people aged 65 and over).
    Numerator:   Respondents aged 65+ feeling as safe as they want.
    Denominator: Respondents aged 65+ answering the question (Adult Social Care Survey).
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
        'op_users_feel_safe' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from ascof
    where measure_code = '4A' and disaggregation = '65 and over'
)

select * from final
