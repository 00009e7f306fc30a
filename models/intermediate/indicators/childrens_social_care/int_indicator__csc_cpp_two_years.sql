{#-
    Child protection plans lasting two years or more (catalogue `csc_cpp_two_years`), as published
    by DfE in LAIT (measure CPPlans2yrs): share of plans ceasing in the year that had lasted two
    years or more. The study's 'plans lasting over one year' is not published by council, so the
    closest published duration measure is used.
    Numerator:   child protection plans ceasing in the year that lasted 2 years or more (not
                 published in LAIT).
    Denominator: child protection plans ceasing in the year (not published in LAIT).
    Value:       LAIT's published percentage; numerator and denominator null.
    Source:      int_indicator_inputs__lait (final annual values, 2018 upper tier and England).
    Period:      the year ending 31 March ('2016-17', period_end_year 2017; LAIT labels it 2017).
-#}
{{ config(materialized='view') }}
with

lait as (
    select * from {{ ref('int_indicator_inputs__lait') }}
),

final as (
    select
        'childrens_social_care' as lens_id,
        'csc_cpp_two_years' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'dfe_lait' as source_dataset_id,
        false as is_apportioned
    from lait
    where measure_short = 'CPPlans2yrs'
)

select * from final
