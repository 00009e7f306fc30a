{#-
    Emergency readmissions within 30 days of discharge (catalogue
    `hsc_emergency_readmissions_30_days`): emergency admissions within 30 days of the last
    discharge from hospital, all ages (Fingertips 41101, PHOF 4.11), as published.
    Numerator:   emergency readmissions within 30 days of discharge (published Count).
    Denominator: discharges from hospital (published Denominator).
    Value:       the published percentage, indirectly standardised (not numerator /
                 denominator).
    Source:      the Fingertips indicator-data export (stg_health_interface__emergency_readmissions),
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
        'hsc_emergency_readmissions_30_days' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from fingertips
    where source_dataset_id = 'fingertips_emergency_readmissions'
)

select * from final
