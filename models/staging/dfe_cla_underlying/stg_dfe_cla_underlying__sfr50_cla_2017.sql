{#-
    SFR50/2017 children looked after numbers, year ending 31 March 2017 (Isles of Scilly has a blank geog_l: kept as a local authority).
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
{%- set measures = [
    ['cla_mar2017', 'cla_at_31_march'],
    ['cla_2017', 'cla_during_year'],
    ['cla_stp2017', 'cla_started_during_year'],
] %}

{{ dfe_sfr_long(source('dfe_cla_underlying', 'dfe_cla__sfr50_cla_2017'), measures, 2017) }}
