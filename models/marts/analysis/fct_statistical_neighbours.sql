{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Statistical neighbours: for each ranked council its var('statistical_neighbours') (15)
    nearest ranked councils by context distance, nearest first (ties broken by code), in the
    context of the latest edition (int_analysis__statistical_neighbours, which holds every
    edition's), and whether Oflog's nearest-neighbour group of the council also holds the
    neighbour (null when no Oflog group is loaded for the council).
-#}
with

edition_neighbours as (
    select * from {{ ref('int_analysis__statistical_neighbours') }}
),

latest as (
    select max(edition) as edition
    from edition_neighbours
),

ordered as (
    select edition_neighbours.*
    from edition_neighbours
    inner join latest on edition_neighbours.edition = latest.edition
),

oflog as (
    select * from {{ ref('int_analysis__oflog_neighbours') }}
),

oflog_councils as (
    select distinct authority_code
    from oflog
),

final as (
    select
        cast(ordered.authority_code as {{ type_varchar() }}) as authority_code,
        cast(ordered.neighbour_rank as integer) as neighbour_rank,
        cast(ordered.neighbour_code as {{ type_varchar() }}) as neighbour_code,
        cast(ordered.distance as {{ type_double() }}) as distance,
        cast(ordered.is_other_type as boolean) as is_other_type,
        cast(ordered.is_other_region as boolean) as is_other_region,
        cast(
            case
                when oflog_councils.authority_code is null then null
                else oflog.neighbour_code is not null
            end as boolean
        ) as is_oflog_neighbour
    from ordered
    left join oflog_councils
        on ordered.authority_code = oflog_councils.authority_code
    left join oflog
        on
            ordered.authority_code = oflog.authority_code
            and ordered.neighbour_code = oflog.neighbour_code
)

select * from final
