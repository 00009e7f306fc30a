{#-
    SFR41/2016 children missing or away from placement during 2015-16.
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
{%- set measures = [
    ['cla_missduringyear', 'cla_missing_during_year'],
    ['cla_missincs', 'missing_incidents'],
    ['cla_awayduringyear', 'cla_away_during_year'],
] %}

{{ dfe_sfr_long(source('dfe_cla_underlying', 'dfe_cla__sfr41_missing_2016'), measures, 2016) }}
