{#-
    SFR41/2016 children looked after numbers, year ending 31 March 2016.
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
{%- set measures = [
    ['cla_mar2016', 'cla_at_31_march'],
    ['cla_2016', 'cla_during_year'],
    ['cla_stp2016', 'cla_started_during_year'],
] %}

{{ dfe_sfr_long(source('dfe_cla_underlying', 'dfe_cla__sfr41_cla_2016'), measures, 2016) }}
