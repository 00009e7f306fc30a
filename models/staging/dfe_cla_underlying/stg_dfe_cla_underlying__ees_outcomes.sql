{#-
    EES outcomes of children looked after 12+ months (convictions, substance misuse, health, SDQ), 2018 onwards; the SDQ average score is in number (percentage 'z').
    EES tidy file -> one row per area, year and category (see the dfe_ees_tidy macro).
-#}
{%- set dimensions = [
    ['cla_group', 'cla_group'],
    ['characteristic', 'characteristic'],
] %}

{{ dfe_ees_tidy(source('dfe_cla_underlying', 'dfe_cla__ees_outcomes'), dimensions) }}
