{#-
    Unplanned admissions for chronic ambulatory care sensitive conditions (catalogue
    `hsc_acsc_admissions_per_100k`): emergency admissions for long-term conditions that should not
    usually need a hospital stay, all ages (NHS Outcomes Framework 2.3i), as published by
    Fingertips.
    Numerator:   emergency admissions for these conditions (published Count).
    Denominator: resident population (published Denominator).
    Value:       the published rate per 100,000, standardised by age and sex (not numerator /
                 denominator).
    Source:      the Fingertips indicator-data export (stg_health_interface__acsc_admissions),
                 through int_indicator_inputs__fingertips: the persons rows of the main series; where the
                 export repeats an area and year (another area type or age band), the first of
                 them in the file is used. A suppressed value gives no row.
    Areas:       2018 upper tier and England, by the published area code.
    Period:      the financial year ('2017-18', period_end_year 2018), up to 2018-19.
-#}
{{ config(materialized='view') }}
with

fingertips as (
    select * from {{ ref('int_indicator_inputs__fingertips') }}
),

final as (
    select
        'health_social_care_interface' as lens_id,
        'hsc_acsc_admissions_per_100k' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from fingertips
    where source_dataset_id = 'fingertips_acsc_admissions'
)

select * from final
