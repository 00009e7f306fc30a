{#-
    Adults with a learning disability living in their own home or with family (catalogue
    `dis_ld_own_home_or_family`): ASCOF 1G, disaggregation 'Total' (all ages).
    Numerator:   Adults 18-64 with a learning disability in long-term support living in their own
                 home or with family.
    Denominator: Adults 18-64 with a learning disability getting long-term support.
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
        'dis_ld_own_home_or_family' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from ascof
    where measure_code = '1G' and disaggregation = 'Total'
)

select * from final
