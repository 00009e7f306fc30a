{#-
    SFR50/2017 outcomes (OC2) of children looked after for 12 months or more at 31 March 2017: SDQ counts and average score.
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
{%- set measures = [
    ['oc2_12mths', 'cla_12_months'],
    ['oc2_sdq', 'sdq_received'],
    ['oc2_sdqnormal', 'sdq_normal'],
    ['oc2_sdqborderline', 'sdq_borderline'],
    ['oc2_sdqconcern', 'sdq_concern'],
    ['oc2_sdqaverage', 'sdq_average_score'],
] %}

{{ dfe_sfr_long(source('dfe_cla_underlying', 'dfe_cla__sfr50_oc2_2017'), measures, 2017) }}
