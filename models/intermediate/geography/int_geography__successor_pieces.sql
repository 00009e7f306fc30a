{#-
    Each authority created after 2018 broken into the 2018 lowest-tier areas ("pieces": unitaries
    or shire districts) it was made from, with the 2018 upper-tier authority each piece lay in.
    Pieces unknown to the loaded lookup are left out (on the demo data, whose fictional councils
    have no later boundaries, that is all of them).
-#}
with

changes as (
    select * from {{ ref('boundary_changes') }}
),

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
),

district_to_county as (
    select * from {{ ref('int_geography__district_to_county') }}
),

final as (
    select
        changes.successor_code,
        changes.successor_name,
        changes.piece_code,
        coalesce(upper_tier.authority_code, district_to_county.county_code) as predecessor_code
    from changes
    left join upper_tier on changes.piece_code = upper_tier.authority_code
    left join district_to_county on changes.piece_code = district_to_county.district_code
    where coalesce(upper_tier.authority_code, district_to_county.county_code) is not null
)

select * from final
