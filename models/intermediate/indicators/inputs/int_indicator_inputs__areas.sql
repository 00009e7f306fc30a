{#-
    The areas indicator values are kept for: the 152 upper-tier authorities of 2017-19
    (int_geography__upper_tier_2018) and England (var `england_code`). Indicator models join it last, so a
    row of any other area (a region, a shire district) is dropped. The upper-tier authorities
    created since 2018 (Bournemouth, Christchurch and Poole, Dorset 2019, Buckinghamshire 2020 ...)
    are kept too: their published values serve the editions on their geography.
-#}
with

upper_tier as (
    select * from {{ ref('int_geography__upper_tier_2018') }}
),

later_upper_tier as (
    -- authorities created after 2018 from 2018 areas (boundary_changes): a value published for
    -- them is kept as published, for the editions whose geography holds them
    -- (int_indicator_values__edition_geography); shire districts (E07) stay out
    select distinct successor_code as authority_code
    from {{ ref('int_geography__successor_pieces') }}
    where
        successor_code not like 'E07%'
        and successor_code not in (select upper_tier.authority_code from upper_tier)
),

final as (
    select authority_code from upper_tier
    union all
    select authority_code from later_upper_tier
    union all
    select '{{ var("england_code") }}' as authority_code
)

select * from final
