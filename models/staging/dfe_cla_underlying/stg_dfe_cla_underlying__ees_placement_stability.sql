{#-
    EES placement stability of children looked after at 31 March (3+ placements in the year; long-term stability), 2018 onwards; percentage is 0-100 as published.
    EES tidy file -> one row per area, year and category (see the dfe_ees_tidy macro).
-#}
{%- set dimensions = [
    ['cla_group', 'cla_group'],
    ['characteristic', 'characteristic'],
] %}

{{ dfe_ees_tidy(source('dfe_cla_underlying', 'dfe_cla__ees_placement_stability'), dimensions) }}
