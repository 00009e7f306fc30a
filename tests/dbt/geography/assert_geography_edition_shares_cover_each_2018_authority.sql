{#-
    Every 2018 upper-tier authority lies wholly in each edition's geography: its base_shares in
    int_geography__edition_area_map add up to 1 (within 1e-6), so counts mapped to a later
    geography neither lose nor double any population. Fails on an authority missing from an edition
    or split into shares that do not add up.
-#}
with

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
),

editions as (
    select edition from {{ ref('editions') }}
),

shares as (
    select
        edition,
        base_code,
        sum(base_share) as total_share
    from {{ ref('int_geography__edition_area_map') }}
    group by edition, base_code
)

select
    editions.edition,
    upper_tier.authority_code,
    shares.total_share
from editions
cross join upper_tier
left join shares
    on
        editions.edition = shares.edition
        and upper_tier.authority_code = shares.base_code
where shares.total_share is null or abs(shares.total_share - 1) > 0.000001
