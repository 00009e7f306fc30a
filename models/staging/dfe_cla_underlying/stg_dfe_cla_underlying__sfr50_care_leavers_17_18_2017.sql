{#-
    SFR50/2017 care leavers aged 17 and 18 ('17&18' columns), 2016-17.
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
{%- set measures = [
    ['cl_all_17_and_18', 'care_leavers_17_18_total'],
    ['cl_act_he17_and_18', 'care_leavers_17_18_higher_education'],
    ['cl_act_oe17_and_18', 'care_leavers_17_18_other_education'],
    ['cl_act_te17_and_18', 'care_leavers_17_18_training_employment'],
    ['cl_acc_suit17_and_18', 'care_leavers_17_18_suitable_accommodation'],
] %}

{{ dfe_sfr_long(source('dfe_cla_underlying', 'dfe_cla__sfr50_care_leavers_17_18_2017'), measures, 2017) }}
