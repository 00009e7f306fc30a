{#-
    SFR50/2017 care leavers aged 19 to 21, 2016-17.
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
{%- set measures = [
    ['cl_all_19to21', 'care_leavers_19_21_total'],
    ['cl_act_he19to21', 'care_leavers_19_21_higher_education'],
    ['cl_act_oe19to21', 'care_leavers_19_21_other_education'],
    ['cl_act_te19to21', 'care_leavers_19_21_training_employment'],
    ['cl_acc_suit19to21', 'care_leavers_19_21_suitable_accommodation'],
] %}

{{ dfe_sfr_long(source('dfe_cla_underlying', 'dfe_cla__sfr50_care_leavers_19_21_2017'), measures, 2017) }}
