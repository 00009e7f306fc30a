{#-
    SFR41/2016 outcomes (OC2) of children looked after for 12 months or more at 31 March 2016: SDQ counts (children aged 5-16 with a score).
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
{%- set measures = [
    ['cla_12mths', 'cla_12_months'],
    ['cla_sdq', 'sdq_received'],
    ['cla_sdqnormal', 'sdq_normal'],
    ['cla_sdqborderline', 'sdq_borderline'],
    ['cla_sdqconcern', 'sdq_concern'],
] %}

{{ dfe_sfr_long(source('dfe_cla_underlying', 'dfe_cla__sfr41_oc2_2016'), measures, 2016) }}
