{#-
    Each edition's own geography: one row per edition (seed editions) and upper-tier authority
    (county, unitary, metropolitan district, London borough, City of London) in existence on the
    edition's publication date, from the mySociety lookup's start and end dates. The 2017 and 2018
    editions hold the 152 authorities of 2017-19; the 2019 edition has Bournemouth, Christchurch and
    Poole and the Dorset unitary instead of Bournemouth, Poole and Dorset county, and so on.
    E-code: the lookup's, else the one the finance returns publish with the authority's ONS code.
    Region: the ONS population sheets' row order (int_population__area_hierarchy), else the region
    of the 2018 authority the area was made from. Codes, names and is_ranked as in
    int_geography__authorities; `mapping_rule` says how the authority stands on 2018 geography
    (int_geography__edition_area_map).
-#}
with

editions as (
    select * from {{ ref('editions') }}
),

lookup as (
    select * from {{ ref('stg_la_lookup__authorities') }}
),

hierarchy as (
    select * from {{ ref('int_population__area_hierarchy') }}
),

regions as (
    select * from {{ ref('regions') }}
),

unranked as (
    select * from {{ ref('unranked_authorities') }}
),

dfe_codes as (
    select * from {{ ref('int_geography__dfe_authority_codes') }}
),

authorities_2018 as (
    select * from {{ ref('int_geography__authorities') }}
),

area_map as (
    select * from {{ ref('int_geography__edition_area_map') }}
),

finance_ecodes as (
    -- the lookup has no E-code for authorities created after 2018; the finance returns publish it
    select
        authority_code,
        max(ecode) as ecode
    from (
        select
            authority_code,
            ecode
        from {{ ref('stg_la_finance__revenue_account_budget') }}
        union all
        select
            authority_code,
            ecode
        from {{ ref('stg_la_finance__revenue_outturn_summary') }}
    ) as published
    where authority_code is not null and ecode is not null
    group by authority_code
),

existing as (
    select
        editions.edition,
        editions.publication_date as geography_date,
        lookup.authority_code,
        lookup.ecode,
        lookup.authority_name,
        lookup.official_name,
        lookup.start_date as valid_from,
        lookup.end_date as valid_to,
        case lookup.local_authority_type
            when 'CTY' then 'county'
            when 'UA' then 'unitary'
            when 'MD' then 'metropolitan district'
            else 'london borough'
        end as authority_type
    from editions
    inner join lookup
        on
            (lookup.start_date is null or editions.publication_date >= lookup.start_date)
            and (lookup.end_date is null or editions.publication_date <= lookup.end_date)
    where
        lookup.nation = 'England'
        and lookup.local_authority_type in ('CTY', 'UA', 'MD', 'LBO', 'CC')
),

map_summary as (
    select
        edition,
        authority_code,
        max(mapping_rule) as mapping_rule,
        min(base_code) as first_base_code
    from area_map
    group by edition, authority_code
),

final as (
    select
        existing.edition,
        existing.geography_date,
        existing.authority_code,
        coalesce(authorities_2018.ecode, existing.ecode, finance_ecodes.ecode) as ecode,
        coalesce(authorities_2018.dfe_code, dfe_codes.dfe_code) as dfe_code,
        coalesce(authorities_2018.authority_name, existing.authority_name) as authority_name,
        coalesce(authorities_2018.official_name, existing.official_name) as official_name,
        coalesce(authorities_2018.authority_type, existing.authority_type) as authority_type,
        coalesce(authorities_2018.region_code, hierarchy.region_code, base_authorities.region_code) as region_code,
        coalesce(authorities_2018.region_name, regions.region_name, base_authorities.region_name) as region_name,
        unranked.authority_code is null as is_ranked,
        unranked.reason as unranked_reason,
        existing.valid_from,
        existing.valid_to,
        coalesce(map_summary.mapping_rule, 'unmapped') as mapping_rule
    from existing
    left join authorities_2018 on existing.authority_code = authorities_2018.authority_code
    left join hierarchy on existing.authority_code = hierarchy.area_code
    left join regions on hierarchy.region_code = regions.region_code
    left join unranked on existing.authority_code = unranked.authority_code
    left join dfe_codes on existing.authority_code = dfe_codes.authority_code
    left join finance_ecodes on existing.authority_code = finance_ecodes.authority_code
    left join map_summary
        on
            existing.edition = map_summary.edition
            and existing.authority_code = map_summary.authority_code
    left join authorities_2018 as base_authorities on map_summary.first_base_code = base_authorities.authority_code
)

select * from final
