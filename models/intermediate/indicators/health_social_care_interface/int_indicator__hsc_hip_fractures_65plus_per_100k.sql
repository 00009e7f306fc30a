{#-
    Hip fractures (65+) (catalogue `hsc_hip_fractures_65plus_per_100k`): first emergency
    admissions of people aged 65 and over with a fractured neck of femur (Fingertips 41401, PHOF
    4.14i), as published.
    Numerator:   emergency admissions for hip fracture aged 65+ (published Count).
    Denominator: population aged 65+ (published Denominator).
    Value:       the published rate per 100,000 aged 65+, directly age-standardised (not
                 numerator / denominator).
    Source:      the Fingertips indicator-data export (stg_health_interface__hip_fractures_65plus),
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
        'hsc_hip_fractures_65plus_per_100k' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from fingertips
    where source_dataset_id = 'fingertips_hip_fractures_65plus'
)

select * from final
