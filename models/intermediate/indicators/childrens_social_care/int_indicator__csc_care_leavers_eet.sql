{#-
    Care leavers aged 19-21 in education, employment or training (catalogue
    `csc_care_leavers_eet`): share of care leavers aged 19, 20 or 21 (former relevant young
    people) in education, employment or training around their birthday.
    Numerator:   care leavers aged 19-21 in higher education, in other education, or in training
                 or employment (SFR: the sum of the three activity counts; EES: its total).
    Denominator: care leavers aged 19-21.
    Value:       100 x numerator / denominator; no value where any count is suppressed or the
                 denominator is 0 (missing stays missing, never zero).
    Sources:     SFR41/2016 (2015-16) and SFR50/2017 (2016-17) care leavers files; EES from
                 2017-18, ages '19 to 21 years' (int_indicator_inputs__dfe_cla).
                 Where the share cannot be computed (the SFRs suppress small activity counts, so
                 the numerator is unknown for about 60 councils), LAIT's published CareLeaverEET
                 share for the same authority and year is used instead (source dfe_lait,
                 numerator and denominator null; int_indicator_inputs__lait).
    Areas:       England and the 2018 upper-tier authorities; int_indicator_inputs__dfe_cla reads
                 the files and places each DfE number on its 2018 code.
    Period:      the year ending 31 March ('2016-17', period_end_year 2017).
-#}
{{ config(materialized='view') }}
with

dfe_cla as (
    select * from {{ ref('int_indicator_inputs__dfe_cla') }}
),

lait as (
    select * from {{ ref('int_indicator_inputs__lait') }}
),

shares as (
    select
        authority_code,
        period,
        period_end_year,
        100.0 * care_leavers_19_21_eet / care_leavers_19_21_activity_total as value,  -- noqa: RF04
        care_leavers_19_21_eet as numerator,
        care_leavers_19_21_activity_total as denominator,
        'dfe_cla' as source_dataset_id
    from dfe_cla
    where
        care_leavers_19_21_eet is not null
        and care_leavers_19_21_activity_total > 0
),

lait_where_no_counts as (
    select
        lait.authority_code,
        lait.period,
        lait.period_end_year,
        lait.value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'dfe_lait' as source_dataset_id
    from lait
    left join shares on lait.authority_code = shares.authority_code and lait.period = shares.period
    where lait.measure_short = 'CareLeaverEET' and shares.authority_code is null
),

combined as (
    select * from shares
    union all
    select * from lait_where_no_counts
),

final as (
    select
        'childrens_social_care' as lens_id,
        'csc_care_leavers_eet' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from combined
)

select * from final
