{#-
    Published from int_geography__authorities (the 152 upper-tier authorities of 2017-19, the base
    geography) and int_geography__edition_authorities (every authority of a later edition's own
    geography: Bournemouth, Christchurch and Poole, Dorset 2019, Buckinghamshire 2020 ...), one row
    per authority code, with its validity dates and the editions that rank it. Marts only publish,
    with the enforced contract and the tests in _core__models.yml.
-#}
with

authorities_2018 as (
    select * from {{ ref('int_geography__authorities') }}
),

edition_authorities as (
    select * from {{ ref('int_geography__edition_authorities') }}
),

editions_per_authority as (
    -- validity dates as the mySociety lookup gives them (int_geography__edition_authorities)
    select
        authority_code,
        min(edition) as first_edition,
        max(edition) as last_edition,
        min(valid_from) as valid_from,
        max(valid_to) as valid_to
    from edition_authorities
    group by authority_code
),

latest_edition_rows as (
    select * from (
        select
            edition_authorities.*,
            row_number() over (
                partition by edition_authorities.authority_code order by edition_authorities.edition desc
            ) as recency
        from edition_authorities
    ) as ordered
    where recency = 1
),

all_authorities as (
    select
        authority_code,
        ecode,
        dfe_code,
        authority_name,
        official_name,
        authority_type,
        region_code,
        region_name,
        is_ranked,
        unranked_reason
    from authorities_2018
    union all
    select
        authority_code,
        ecode,
        dfe_code,
        authority_name,
        official_name,
        authority_type,
        region_code,
        region_name,
        is_ranked,
        unranked_reason
    from latest_edition_rows
    where authority_code not in (select authorities_2018.authority_code from authorities_2018)
),

final as (
    select
        all_authorities.authority_code,
        all_authorities.ecode,
        all_authorities.dfe_code,
        all_authorities.authority_name,
        all_authorities.official_name,
        all_authorities.authority_type,
        all_authorities.region_code,
        all_authorities.region_name,
        all_authorities.is_ranked,
        all_authorities.unranked_reason,
        editions_per_authority.valid_from,
        editions_per_authority.valid_to,
        editions_per_authority.first_edition,
        editions_per_authority.last_edition,
        all_authorities.authority_code in (select authorities_2018.authority_code from authorities_2018)
            as is_upper_tier_2018
    from all_authorities
    left join editions_per_authority on all_authorities.authority_code = editions_per_authority.authority_code
)

select * from final
