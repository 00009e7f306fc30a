{#- Fingertips indicator-data export: emergency admissions due to falls, aged 65+ (Fingertips 22401, PHOF 2.24i).
    One row per area, sex, age and time period of the main series; logic in macro `fingertips_rows`. -#}
{{ fingertips_rows(
    source('health_interface', 'fingertips_falls_admissions_65plus__indicator_data'),
    'fingertips_falls_admissions_65plus'
) }}
