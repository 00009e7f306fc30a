{#- Fingertips indicator-data export: emergency readmissions within 30 days of discharge (Fingertips 41101, PHOF
    4.11). One row per area, sex, age and time period of the main series; logic in macro `fingertips_rows`. -#}
{{ fingertips_rows(
    source('health_interface', 'fingertips_emergency_readmissions__indicator_data'),
    'fingertips_emergency_readmissions'
) }}
