{#-
    H-CLIC detailed LA table A1 (initial assessments and duties owed), one file per financial year
    (DetailedLA_YYYY-YYYY): the file name gives the period.
-#}
{%- set measures = [
    ['col_5', 'total_initial_assessments'],
    ['col_7', 'owed_duty'],
    ['col_8', 'prevention_duty_owed'],
    ['col_10', 'relief_duty_owed'],
    ['col_12', 'no_duty_owed'],
    ['col_14', 'households_thousands'],
] %}
{%- set suppression_flags = [
    ['col_5', 'is_suppressed'],
] %}

{{ homelessness_la_table(
    source('homelessness', 'mhclg_hclic_detailed_la__hclic_a1'),
    period_end_year=file_year('_source_file', 'DetailedLA_', 5),
    measures=measures,
    suppression_flags=suppression_flags
) }}
