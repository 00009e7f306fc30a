{#-
    The edition-to-authority bridge: one row per edition and authority of the edition's own
    geography (the upper-tier authorities in existence at its publication date), published from
    int_geography__edition_authorities and int_geography__edition_continuity. Relate to
    dim_authority on authority_code and to the facts on (edition, authority_code).
-#}
with

authorities as (
    select * from {{ ref('int_geography__edition_authorities') }}
),

continuity as (
    select * from {{ ref('int_geography__edition_continuity') }}
),

final as (
    select
        authorities.edition,
        authorities.authority_code,
        authorities.authority_name,
        authorities.authority_type,
        authorities.region_code,
        authorities.is_ranked,
        authorities.geography_date,
        authorities.valid_from,
        authorities.valid_to,
        authorities.mapping_rule,
        continuity.continuity,
        continuity.previous_authority_code,
        continuity.no_previous_rank_reason
    from authorities
    left join continuity
        on
            authorities.edition = continuity.edition
            and authorities.authority_code = continuity.authority_code
)

select * from final
