{#-
    EES children missing or away from placement without authorisation, 2018 onwards; each measure (cla_group) holds a count, a percentage (0-100) or an average in number.
    EES tidy file -> one row per area, year and category (see the dfe_ees_tidy macro).
-#}
{%- set dimensions = [
    ['cla_group', 'measure'],
] %}
{%- set measures = [
    ['number', 'value'],
] %}

{{ dfe_ees_tidy(source('dfe_cla_underlying', 'dfe_cla__ees_missing'), dimensions, measures) }}
