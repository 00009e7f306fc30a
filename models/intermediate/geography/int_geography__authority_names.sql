{#-
    Authority names -> codes, for files that publish names without codes (e.g. the Nomis falls
    mortality export). One row per matching key and authority: every name variant of the
    mySociety lookup, the lookup's short and official names, and the 2018 upper-tier names, keyed
    with the `name_key` macro, with the authority's GSS code, type, nation and start/end dates (a
    consumer keeps the authorities in existence on the date of its file's geography), and where
    the authority stands on 2018 geography:
      - same_authority: the authority is a 2018 upper-tier authority;
      - same_boundary_successor: a later authority made of exactly all the 2018 lowest-tier areas
        of one 2018 upper-tier authority and nothing else (Buckinghamshire 2020 = the 2018 county),
        so a value published for it is the 2018 authority's value;
      - null: no 2018 upper-tier authority covers the same area (BCP, Dorset 2019, North/West
        Northamptonshire, districts ...).
-#}
with

authorities as (
    select * from {{ ref('stg_la_lookup__authorities') }}
),

variants as (
    select * from {{ ref('stg_la_lookup__name_variants') }}
),

upper_tier as (
    select * from {{ ref('int_geography__upper_tier_2018') }}
),

pieces as (
    select * from {{ ref('int_geography__successor_pieces') }}
),

districts as (
    select * from {{ ref('int_geography__district_to_county') }}
),

keyed_names as (
    select
        name_key,
        local_authority_code
    from variants
    union
    select
        {{ name_key('authority_name') }} as name_key,
        local_authority_code
    from authorities
    union
    select
        {{ name_key('official_name') }} as name_key,
        local_authority_code
    from authorities
    union
    select
        {{ name_key('authority_name') }} as name_key,
        local_authority_code
    from upper_tier
),

lowest_tier_counts as (
    select
        upper_tier.authority_code,
        coalesce(count(districts.district_code), 0) as n_districts
    from upper_tier
    left join districts on upper_tier.authority_code = districts.county_code
    group by upper_tier.authority_code
),

successor_coverage as (
    select
        successor_code,
        min(predecessor_code) as predecessor_code,
        count(distinct predecessor_code) as n_predecessors,
        count(distinct piece_code) as n_pieces
    from pieces
    group by successor_code
),

same_boundary as (
    select
        successor_coverage.successor_code,
        successor_coverage.predecessor_code
    from successor_coverage
    inner join lowest_tier_counts
        on successor_coverage.predecessor_code = lowest_tier_counts.authority_code
    where
        successor_coverage.n_predecessors = 1
        and lowest_tier_counts.n_districts > 0
        and successor_coverage.n_pieces = lowest_tier_counts.n_districts
),

final as (
    select distinct
        keyed_names.name_key,
        authorities.local_authority_code,
        authorities.authority_code,
        authorities.authority_name,
        authorities.official_name,
        authorities.local_authority_type,
        authorities.nation,
        authorities.start_date,
        authorities.end_date,
        coalesce(upper_tier.authority_code, same_boundary.predecessor_code) as upper_tier_2018_code,
        case
            when upper_tier.authority_code is not null then 'same_authority'
            when same_boundary.predecessor_code is not null then 'same_boundary_successor'
        end as mapping_rule
    from keyed_names
    inner join authorities on keyed_names.local_authority_code = authorities.local_authority_code
    left join upper_tier on authorities.authority_code = upper_tier.authority_code
    left join same_boundary on authorities.authority_code = same_boundary.successor_code
    where keyed_names.name_key is not null and keyed_names.name_key <> ''
)

select * from final
