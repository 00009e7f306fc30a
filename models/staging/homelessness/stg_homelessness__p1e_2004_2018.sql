{#- The processed 2004-2018 extraction: `year` is the calendar year in which the financial year
    ends (2017 = 2016-17); rows without a code (pre-2009 districts) are dropped; `no_accom` (a
    processing bug) is not read. -#}
{%- set measures = [
    ['households', 'households_thousands'],
    ['homeless_acc', 'acceptances'],
    ['ta', 'households_in_ta'],
] %}
{%- set suppression_flags = [
    ['homeless_acc', 'is_acceptances_suppressed'],
    ['ta', 'is_ta_suppressed'],
] %}

{{ homelessness_la_table(
    source('homelessness', 'homelessness_2004_2018_processed__la_year'),
    period_end_year='cast(' ~ parse_number('year') ~ ' as integer)',
    measures=measures,
    suppression_flags=suppression_flags,
    code_column='la_code',
    name_column='la'
) }}
