{#-
    H-CLIC detailed LA table P1 (prevention duties ended, by outcome), one file per financial year
    (DetailedLA_YYYY-YYYY): the file name gives the period.
-#}
{%- set measures = [
    ['col_5', 'prevention_duties_ended'],
    ['col_7', 'prevention_secured_accommodation'],
    ['col_8', 'prevention_stayed_in_existing'],
    ['col_9', 'prevention_moved_to_alternative'],
    ['col_11', 'prevention_ended_homeless'],
] %}
{%- set suppression_flags = [
    ['col_5', 'is_suppressed'],
] %}

{{ homelessness_la_table(
    source('homelessness', 'mhclg_hclic_detailed_la__hclic_p1'),
    period_end_year=file_year('_source_file', 'DetailedLA_', 5),
    measures=measures,
    suppression_flags=suppression_flags
) }}
