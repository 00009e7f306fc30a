{#-
    H-CLIC detailed LA table R1 (relief duties ended, by outcome), one file per financial year
    (DetailedLA_YYYY-YYYY): the file name gives the period.
-#}
{%- set measures = [
    ['col_5', 'relief_duties_ended'],
    ['col_6', 'relief_secured_accommodation'],
    ['col_7', 'relief_56_days_elapsed'],
] %}
{%- set suppression_flags = [
    ['col_5', 'is_suppressed'],
] %}

{{ homelessness_la_table(
    source('homelessness', 'mhclg_hclic_detailed_la__hclic_r1'),
    period_end_year=file_year('_source_file', 'DetailedLA_', 5),
    measures=measures,
    suppression_flags=suppression_flags
) }}
