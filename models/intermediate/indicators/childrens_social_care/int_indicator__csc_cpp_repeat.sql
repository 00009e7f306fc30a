{#-
    Child protection plans for a second or subsequent time (catalogue `csc_cpp_repeat`), as
    published by DfE in LAIT (measure PrevRegCPR): share of children starting a plan in the year
    who had been on a plan before.
    Numerator:   children starting a plan who had a previous plan (not published in LAIT).
    Denominator: children starting a child protection plan in the year (not published in LAIT).
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
        'csc_cpp_repeat' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'dfe_lait' as source_dataset_id,
        false as is_apportioned
    from lait
    where measure_short = 'PrevRegCPR'
)

select * from final
