{#- Fingertips indicator-data export: hip fractures, aged 65+ (Fingertips 41401, PHOF 4.14i). One row per area, sex,
    age and time period of the main series; logic in macro `fingertips_rows`. -#}
{{ fingertips_rows(
    source('health_interface', 'fingertips_hip_fractures_65plus__indicator_data'),
    'fingertips_hip_fractures_65plus'
) }}
