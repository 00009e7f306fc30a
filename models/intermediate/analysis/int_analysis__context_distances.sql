{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Context distance between every pair of ranked councils in each edition (both ways, never a
    council with itself), by council_context_distance on the edition's context
    (int_analysis__council_context):
      sqrt( (z log population)^2 diff + (z share 0-17)^2 diff + (z share 65+)^2 diff
            + var('neighbour_type_weight') if the authority types differ
            + var('neighbour_region_weight') if the regions differ )
    Exact: all pairs, about 150 x 149 = 22,350 rows per edition.
-#}

with

context as (
    select * from {{ ref('int_analysis__council_context') }}
),

final as (
    select
        councils.edition,
        councils.authority_code,
        neighbours.authority_code as neighbour_code,
        councils.authority_type <> neighbours.authority_type as is_other_type,
        councils.region_code <> neighbours.region_code as is_other_region,
        {{ council_context_distance('councils', 'neighbours') }} as distance
    from context as councils
    inner join context as neighbours
        on
            councils.edition = neighbours.edition
            and councils.authority_code <> neighbours.authority_code
)

select * from final
