{#-
    EES children looked after at 31 March, starting and ceasing, number and rate per 10,000 under-18s, 2019 onwards (2024 revision). The measure name is published under the header population_count and the under-18 population under population_estimate (shifted headers).
    EES tidy file -> one row per area, year and category (see the dfe_ees_tidy macro).
-#}
{%- set dimensions = [
    ['population_count', 'measure'],
] %}
{%- set measures = [
    ['population_estimate', 'population_under_18'],
    ['number', 'number'],
    ['rate_per_10000', 'rate_per_10000'],
] %}
{%- set suppression_flags = [
    ['number', 'is_suppressed'],
    ['rate_per_10000', 'is_rate_suppressed'],
] %}

{{ dfe_ees_tidy(source('dfe_cla_underlying', 'dfe_cla__ees_cla_rate'), dimensions, measures, suppression_flags) }}
