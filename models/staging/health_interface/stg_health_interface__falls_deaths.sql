{#- ONS accidental falls mortality (Nomis export): number of deaths, all ages, one row per area name
    (county / unitary authority of April 2021, England and Wales) and calendar year; the
    'Column Total' row is dropped. -#}
{{ nomis_year_rows(source('health_interface', 'ons_falls_mortality_nomis__deaths'), 'deaths') }}
