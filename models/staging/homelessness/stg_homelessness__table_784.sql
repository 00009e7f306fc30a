{#- Live Table 784 (official P1E), one sheet per financial year ('2016-17'): the sheet name gives
    the period. Layout assumed until the official file is obtained (see the registry). -#}
{%- set measures = [
    ['col_3', 'households_thousands'],
    ['col_4', 'acceptances'],
    ['col_6', 'households_in_ta'],
] %}
{%- set suppression_flags = [
    ['col_4', 'is_acceptances_suppressed'],
    ['col_6', 'is_ta_suppressed'],
] %}

{{ homelessness_la_table(
    source('homelessness', 'mhclg_homelessness_table_784__la_action'),
    period_end_year=financial_year_end('_sheet'),
    measures=measures,
    suppression_flags=suppression_flags
) }}
