{#-
    Adults in contact with secondary mental health services in paid employment (catalogue
    `dis_mh_paid_employment`): ASCOF 1F, disaggregation 'Total' (all ages).
    Numerator:   Adults on CPA in paid employment.
    Denominator: Adults 18-69 on the Care Programme Approach.
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
        'all_age_disability' as lens_id,
        'dis_mh_paid_employment' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from ascof
    where measure_code = '1F' and disaggregation = 'Total'
)

select * from final
