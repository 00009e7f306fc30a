{#- Fingertips indicator-data export: unplanned hospitalisation for chronic ambulatory care sensitive conditions
    (NHS OF 2.3i). One row per area, sex, age and time period of the main series; logic in macro `fingertips_rows`. -#}
{{ fingertips_rows(
    source('health_interface', 'fingertips_acsc_admissions__indicator_data'),
    'fingertips_acsc_admissions'
) }}
