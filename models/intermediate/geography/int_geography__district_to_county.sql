{#-
    Shire districts (E07) of 2017-19 and the county (E10) each lay in. The county comes from the
    ONS population sheets' row order (counties head their districts); the mySociety lookup's
    county is the fallback (it has errors: Forest Heath is tagged Surrey). District-reported data
    (homelessness, fly-tipping, rough sleeping, affordable housing, waste collection) is summed
    over this lookup to county areas.
-#}
with

authorities as (
    select * from {{ ref('stg_la_lookup__authorities') }}
),

hierarchy as (
    select * from {{ ref('int_population__area_hierarchy') }}
),

districts as (
    select * from authorities
    where
        nation = 'England'
        and local_authority_type = 'NMD'
        and (start_date is null or start_date <= cast('2017-04-01' as date))
        and (end_date is null or end_date >= cast('2019-03-31' as date))
),

joined as (
    select
        districts.authority_code as district_code,
        districts.authority_name as district_name,
        coalesce(hierarchy.county_code, lookup_counties.authority_code) as county_code,
        lookup_counties.authority_code as lookup_county_code,
        case when hierarchy.county_code is not null then 'ONS MYE2 row order' else 'mySociety lookup' end
            as county_source
    from districts
    left join hierarchy on districts.authority_code = hierarchy.area_code
    left join authorities as lookup_counties
        on districts.county_local_authority_code = lookup_counties.local_authority_code
),

final as (
    select
        joined.district_code,
        joined.district_name,
        joined.county_code,
        counties.authority_name as county_name,
        joined.county_source,
        joined.lookup_county_code is not null and joined.lookup_county_code <> joined.county_code
            as is_lookup_county_different
    from joined
    left join authorities as counties on joined.county_code = counties.authority_code
)

select * from final
