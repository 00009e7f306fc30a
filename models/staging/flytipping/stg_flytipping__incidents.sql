{#-
    Defra ENV24 sheet LA_incidents: fly-tipping incidents reported by waste collection authorities
    (shire districts, unitaries, metropolitan and London boroughs), one row per authority and
    financial year. ':' (not available) becomes null, never zero. Trailing spaces in names are
    trimmed. The England row ('*Total England'; for 2018-19 the '(original)' series, comparable
    with earlier years) is kept as E92000001; regional '*Total' rows are dropped: macro
    flytipping_la_rows.
-#}
{%- set measures = [
    ['total_incidents', 'total_incidents'],
    ['total_incidents_clearance_costs_gbp', 'total_clearance_costs_gbp'],
    ['mid_population_estimates', 'mid_year_population'],
] %}

{{ flytipping_la_rows(source('flytipping', 'defra_flytipping__la_incidents'), measures) }}
