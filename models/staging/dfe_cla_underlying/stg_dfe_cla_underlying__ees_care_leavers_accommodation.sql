{#-
    EES care leavers aged 17-18 and 19-21 by suitability of accommodation, 2018 onwards.
    EES tidy file -> one row per area, year and category (see the dfe_ees_tidy macro).
-#}
{%- set dimensions = [
    ['age', 'age_group'],
    ['accommodation_suitability', 'accommodation_suitability'],
] %}

{{ dfe_ees_tidy(source('dfe_cla_underlying', 'dfe_cla__ees_care_leavers_accommodation'), dimensions) }}
