{#-
    Carer-reported quality of life (catalogue `hsc_carer_quality_of_life`): average quality of
    life score (0 to 12) reported by unpaid carers in the biennial Survey of Adult Carers in
    England, ASCOF 1D, disaggregation 'Total' (all carers).
    Numerator:   sum of carers' quality of life scores.
    Denominator: carers responding to the survey.
    Value:       ASCOF's published score; numerator and denominator as published, null where the
                 source gives values only.
    Source:      int_indicator_inputs__ascof (NHS Digital open data, else the processed extract);
                 for an authority and year with no ASCOF value, Oflog ASC1 (the same measure,
                 values only: it fills the survey years 2016-17 and 2018-19 without an ASCOF
                 file). 2018 upper tier and England; a suppressed or missing value gives no row.
    Period:      the ASCOF financial year ('2016-17', period_end_year 2017), up to 2018-19.
-#}
{{ config(materialized='view') }}
with

ascof as (
    select * from {{ ref('int_indicator_inputs__ascof') }}
),

final as (
    select
        'health_social_care_interface' as lens_id,
        'hsc_carer_quality_of_life' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from ascof
    where measure_code = '1D' and disaggregation = 'Total'
)

select * from final
