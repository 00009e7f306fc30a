{#-
    Children looked after with a concerning SDQ score (catalogue `csc_sdq_concern`): share of
    children aged 5-16 looked after for 12 months or more whose Strengths and Difficulties
    Questionnaire score is a cause for concern (17 or more), of those with a score; DfE's counts,
    not LAIT's average score (Emotional_LAC).
    Numerator:   children 5-16 looked after 12+ months with an SDQ score of 17 or more.
    Denominator: children 5-16 looked after 12+ months with an SDQ score.
    Value:       100 x numerator / denominator; no value where either is suppressed or the
                 denominator is 0 (missing stays missing, never zero).
    Sources:     SFR41/2016 (2015-16) and SFR50/2017 (2016-17) outcomes files (OC2); EES from
                 2017-18, group 'Ages 5 to 16 years with SDQ score' (int_indicator_inputs__dfe_cla).
    Areas:       England and the 2018 upper-tier authorities; int_indicator_inputs__dfe_cla reads
                 the files and places each DfE number on its 2018 code.
    Period:      the year ending 31 March ('2016-17', period_end_year 2017).
-#}
{{ config(materialized='view') }}
with

dfe_cla as (
    select * from {{ ref('int_indicator_inputs__dfe_cla') }}
),

shares as (
    select
        authority_code,
        period,
        period_end_year,
        100.0 * sdq_concern / sdq_received as value,  -- noqa: RF04
        sdq_concern as numerator,
        sdq_received as denominator
    from dfe_cla
    where
        sdq_concern is not null
        and sdq_received > 0
),

final as (
    select
        'childrens_social_care' as lens_id,
        'csc_sdq_concern' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        'dfe_cla' as source_dataset_id,
        false as is_apportioned
    from shares
)

select * from final
