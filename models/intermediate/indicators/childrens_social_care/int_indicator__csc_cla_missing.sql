{#-
    Children looked after who went missing (catalogue `csc_cla_missing`): share of children looked
    after at any time in the year who had at least one missing incident, from DfE's children
    looked after counts.
    Numerator:   children looked after who had a missing incident during the year.
    Denominator: children looked after during the year.
    Value:       100 x numerator / denominator; no value where either is suppressed or the
                 denominator is 0 (missing stays missing, never zero).
    Sources:     SFR41/2016 (2015-16) and SFR50/2017 (2016-17): the missing file gives the
                 numerator, the children looked after file the denominator; EES from 2017-18
                 (int_indicator_inputs__dfe_cla).
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
        100.0 * cla_missing_during_year / cla_during_year as value,  -- noqa: RF04
        cla_missing_during_year as numerator,
        cla_during_year as denominator
    from dfe_cla
    where
        cla_missing_during_year is not null
        and cla_during_year > 0
),

final as (
    select
        'childrens_social_care' as lens_id,
        'csc_cla_missing' as indicator_id,
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
