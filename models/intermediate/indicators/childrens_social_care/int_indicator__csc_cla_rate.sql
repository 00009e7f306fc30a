{#-
    Children looked after per 10,000 children (catalogue `csc_cla_rate`), as published by DfE in
    LAIT (measure LAC): children looked after on 31 March per 10,000 children aged under 18.
    Numerator:   children looked after by the council on 31 March (not published in LAIT).
    Denominator: children aged under 18, ONS mid-year estimate used by DfE (not published in LAIT).
    Value:       LAIT's published rate (per 10,000 children); numerator and denominator null.
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
        'csc_cla_rate' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'dfe_lait' as source_dataset_id,
        false as is_apportioned
    from lait
    where measure_short = 'LAC'
)

select * from final
