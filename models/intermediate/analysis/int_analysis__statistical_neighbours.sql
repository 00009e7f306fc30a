{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Statistical neighbours in each edition: for each ranked council its var('statistical_neighbours')
    (15) nearest ranked councils by context distance in the edition's context
    (int_analysis__context_distances), nearest first, ties broken by code.
    fct_statistical_neighbours publishes the latest edition's; fct_neighbour_lens_ranks ranks each
    edition's councils among that edition's neighbours.
-#}
with

distances as (
    select * from {{ ref('int_analysis__context_distances') }}
),

ordered as (
    select
        edition,
        authority_code,
        neighbour_code,
        distance,
        is_other_type,
        is_other_region,
        row_number() over (
            partition by edition, authority_code
            order by distance asc, neighbour_code asc
        ) as neighbour_rank
    from distances
),

final as (
    select
        cast(edition as integer) as edition,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(neighbour_rank as integer) as neighbour_rank,
        cast(neighbour_code as {{ type_varchar() }}) as neighbour_code,
        cast(distance as {{ type_double() }}) as distance,
        cast(is_other_type as boolean) as is_other_type,
        cast(is_other_region as boolean) as is_other_region
    from ordered
    where neighbour_rank <= {{ var('statistical_neighbours', 15) }}
)

select * from final
