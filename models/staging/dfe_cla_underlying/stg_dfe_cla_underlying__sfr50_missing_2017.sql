{#-
    SFR50/2017 children missing or away from placement during 2016-17.
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
{%- set measures = [
    ['miss_miss_duringyear', 'cla_missing_during_year'],
    ['miss_miss_incs', 'missing_incidents'],
    ['miss_away_duringyear', 'cla_away_during_year'],
] %}

{{ dfe_sfr_long(source('dfe_cla_underlying', 'dfe_cla__sfr50_missing_2017'), measures, 2017) }}
