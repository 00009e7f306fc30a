{#- ONS accidental falls mortality (Nomis export): age-standardised rate per 100,000, all ages, one
    row per area name (county / unitary authority of April 2021, England and Wales) and calendar
    year. Names only: codes are attached in int_health__falls_mortality. -#}
{{ nomis_year_rows(source('health_interface', 'ons_falls_mortality_nomis__death_rate'), 'death_rate') }}
