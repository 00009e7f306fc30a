{#-
    H-CLIC detailed LA table MD1 (main duty decisions), one file per financial year
    (DetailedLA_YYYY-YYYY): the file name gives the period.
-#}
{%- set measures = [
    ['col_5', 'main_duty_decisions'],
    ['col_6', 'acceptances'],
    ['col_7', 'intentionally_homeless'],
    ['col_8', 'no_priority_need'],
    ['col_9', 'not_homeless'],
] %}
{%- set suppression_flags = [
    ['col_6', 'is_suppressed'],
] %}

{{ homelessness_la_table(
    source('homelessness', 'mhclg_hclic_detailed_la__hclic_md1'),
    period_end_year=file_year('_source_file', 'DetailedLA_', 5),
    measures=measures,
    suppression_flags=suppression_flags
) }}
