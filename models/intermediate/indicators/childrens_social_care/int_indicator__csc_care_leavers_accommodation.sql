{#-
    Care leavers aged 19-21 in suitable accommodation (catalogue `csc_care_leavers_accommodation`):
    share of care leavers aged 19, 20 or 21 whose accommodation the council considered suitable,
    from DfE's children looked after counts.
    Numerator:   care leavers aged 19-21 in accommodation considered suitable.
    Denominator: care leavers aged 19-21.
    Value:       100 x numerator / denominator; no value where either is suppressed or the
                 denominator is 0 (missing stays missing, never zero).
    Sources:     SFR41/2016 (2015-16) and SFR50/2017 (2016-17) care leavers files; EES from
                 2017-18, ages '19 to 21 years' (int_indicator_inputs__dfe_cla).
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
        100.0 * care_leavers_19_21_suitable_accommodation
        / care_leavers_19_21_accommodation_total as value,  -- noqa: RF04
        care_leavers_19_21_suitable_accommodation as numerator,
        care_leavers_19_21_accommodation_total as denominator
    from dfe_cla
    where
        care_leavers_19_21_suitable_accommodation is not null
        and care_leavers_19_21_accommodation_total > 0
),

final as (
    select
        'childrens_social_care' as lens_id,
        'csc_care_leavers_accommodation' as indicator_id,
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
