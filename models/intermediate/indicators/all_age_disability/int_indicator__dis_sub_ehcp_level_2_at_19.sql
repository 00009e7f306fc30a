{#-
    Young people with an EHC plan qualified to Level 2 at 19 (catalogue `dis_sub_ehcp_level_2_at_19`,
    substitute for `dis_ld_paid_employment`): the share of 19-year-olds who had a statement or EHC
    plan in year 11 and were qualified to Level 2, from DfE's attainment at 19 as published in LAIT
    (measure `Age19_SEN-S`).
    Substitute: enters the all-age disability lens only in an edition where the indicator it stands
    in for has no values (int_indicator_values__editions).
    Numerator and denominator: not published in LAIT (null). Value: LAIT's published percentage.
    Source:      int_indicator_inputs__lait (2018 upper tier and England).
    Period:      LAIT's year of the measure, as int_dfe__lait_values labels it, up to 2019.
-#}
{{ config(materialized='view') }}
with

lait as (
    select * from {{ ref('int_indicator_inputs__lait') }}
),

final as (
    select
        'all_age_disability' as lens_id,
        'dis_sub_ehcp_level_2_at_19' as indicator_id,
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
        measure_short = 'Age19_SEN-S'
        and period_end_year <= 2019
)

select * from final
