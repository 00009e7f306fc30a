{#-
    Region and county of every English area in the ONS MYE2 sheets, from row order: a region
    header row (E12) heads the areas below it until the next region, and a county row (E10) heads
    its shire districts (E07). The latest edition listing an area wins. ONS row order is the
    authority here because the mySociety lookup has errors (regions of Derbyshire and
    Lincolnshire; Forest Heath's county). Editions whose rows are not in that order are skipped:
    mid-2022's MYE2 sorts its rows by geography type, so its nine region rows stand together (a
    region row directly above another), and the row above an area says nothing about it.
-#}
with

rows_per_area as (
    select distinct
        area_code,
        mid_year,
        source_file,
        source_row_number
    from {{ ref('stg_population__mye2_persons') }}
),

sorted_by_type as (
    select distinct regions.source_file
    from rows_per_area as regions
    inner join rows_per_area as next_rows
        on
            regions.source_file = next_rows.source_file
            and regions.source_row_number + 1 = next_rows.source_row_number
    where regions.area_code like 'E12%' and next_rows.area_code like 'E12%'
),

ordered_rows as (
    select rows_per_area.*
    from rows_per_area
    left join sorted_by_type on rows_per_area.source_file = sorted_by_type.source_file
    where sorted_by_type.source_file is null
),

header_rows as (
    select * from ordered_rows
    where area_code like 'E12%' or area_code like 'E10%'
),

nearest_headers as (
    select
        areas.area_code,
        areas.mid_year,
        max(case when header_rows.area_code like 'E12%' then header_rows.source_row_number end) as region_row_number,
        max(case when header_rows.area_code like 'E10%' then header_rows.source_row_number end) as county_row_number
    from ordered_rows as areas
    inner join header_rows
        on
            areas.source_file = header_rows.source_file
            and areas.source_row_number > header_rows.source_row_number
    where areas.area_code like 'E0%' or areas.area_code like 'E10%'
    group by areas.area_code, areas.mid_year
),

resolved as (
    select
        nearest_headers.area_code,
        nearest_headers.mid_year,
        regions.area_code as region_code,
        case
            when
                nearest_headers.area_code like 'E07%'
                and counties.source_row_number > nearest_headers.region_row_number
                then counties.area_code
        end as county_code,
        row_number() over (
            partition by nearest_headers.area_code order by nearest_headers.mid_year desc
        ) as edition_order
    from nearest_headers
    inner join header_rows as regions
        on
            nearest_headers.mid_year = regions.mid_year
            and nearest_headers.region_row_number = regions.source_row_number
    left join header_rows as counties
        on
            nearest_headers.mid_year = counties.mid_year
            and nearest_headers.county_row_number = counties.source_row_number
),

final as (
    select
        area_code,
        region_code,
        county_code,
        mid_year as hierarchy_from_mid_year
    from resolved
    where edition_order = 1
)

select * from final
