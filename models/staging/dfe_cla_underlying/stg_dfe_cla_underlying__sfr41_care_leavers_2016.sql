{#-
    SFR41/2016 care leavers aged 19, 20 and 21 ('1920&21' columns), 2015-16.
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
{%- set measures = [
    ['all_aged1920_and_21', 'care_leavers_19_21_total'],
    ['act_he1920_and_21', 'care_leavers_19_21_higher_education'],
    ['act_oe1920_and_21', 'care_leavers_19_21_other_education'],
    ['act_te1920_and_21', 'care_leavers_19_21_training_employment'],
    ['acc_suit1920_and_21', 'care_leavers_19_21_suitable_accommodation'],
] %}

{{ dfe_sfr_long(source('dfe_cla_underlying', 'dfe_cla__sfr41_care_leavers_2016'), measures, 2016) }}
