{#-
    Service users receiving direct payments (catalogue `dis_direct_payments`): ASCOF 1C(2A),
    disaggregation 'Total' (all ages).
    Numerator:   Users of long-term community services receiving direct payments.
    Denominator: Users of long-term community-based services (aged 18 and over).
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
        'dis_direct_payments' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from ascof
    where measure_code = '1C(2A)' and disaggregation = 'Total'
)

select * from final
