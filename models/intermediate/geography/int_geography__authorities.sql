{#-
    The 152 upper-tier authorities of 2017-19, one row each, with the codes every source uses:
    GSS (ONS), E-code (MHCLG finance returns) and the DfE three-digit number (children's data).
    Regions come from the ONS population sheets (the mySociety column has known errors).
-#}
with

upper_tier as (
    select * from {{ ref('int_geography__upper_tier_2018') }}
),

regions_by_area as (
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

final as (
    select
        upper_tier.authority_code,
        upper_tier.ecode,
        dfe_codes.dfe_code,
        upper_tier.authority_name,
        upper_tier.official_name,
        upper_tier.authority_type,
        regions_by_area.region_code,
        regions.region_name,
        unranked.authority_code is null as is_ranked,
        unranked.reason as unranked_reason
    from upper_tier
    left join regions_by_area on upper_tier.authority_code = regions_by_area.area_code
    left join regions on regions_by_area.region_code = regions.region_code
    left join unranked on upper_tier.authority_code = unranked.authority_code
    left join dfe_codes on upper_tier.authority_code = dfe_codes.authority_code
)

select * from final
