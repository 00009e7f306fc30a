{#-
    Unplanned admissions for chronic ambulatory care sensitive conditions (catalogue
    `hsc_acsc_admissions_per_100k`): emergency admissions for long-term conditions that should not
    usually need a hospital stay, all ages (NHS Outcomes Framework 2.3i), as published by
    Fingertips.
    Numerator:   emergency admissions for these conditions (published Count).
    Denominator: resident population (published Denominator).
    Value:       the published rate per 100,000, standardised by age and sex (not numerator /
                 denominator).
    Source:      the Fingertips indicator-data export (stg_health_interface__acsc_admissions): the
                 persons rows of the main series; where the export repeats an area and year (another
                 area type or age band), the first of them in the file is used. A suppressed value
                 gives no row.
    Areas:       2018 upper tier and England, by the published area code.
    Period:      the financial year ('2017-18', period_end_year 2018), up to 2018-19.
-#}
{{ config(materialized='view') }}
with

admissions as (
    select * from {{ ref('stg_health_interface__acsc_admissions') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

persons as (
    select
        authority_code,
        period,
        period_end_year,
        indicator_value,
        numerator,
        denominator,
        source_dataset_id,
        row_number() over (
            partition by authority_code, period
            order by source_row_number
        ) as row_in_file
    from admissions
    where lower(sex) = 'persons' and indicator_value is not null
),

final as (
    select
        'health_social_care_interface' as lens_id,
        'hsc_acsc_admissions_per_100k' as indicator_id,
        persons.authority_code,
        persons.period,
        persons.period_end_year,
        cast(persons.indicator_value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(persons.numerator as {{ type_double() }}) as numerator,
        cast(persons.denominator as {{ type_double() }}) as denominator,
        persons.source_dataset_id,
        false as is_apportioned
    from persons
    inner join areas on persons.authority_code = areas.authority_code
    where persons.row_in_file = 1 and persons.period_end_year <= 2019
)

select * from final
