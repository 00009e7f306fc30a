{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Distance between every ordered pair of different ranked councils in context space:
      sqrt( (z log population)^2 diff + (z share 0-17)^2 diff + (z share 65+)^2 diff
            + var('neighbour_type_weight') if the authority types differ
            + var('neighbour_region_weight') if the regions differ )
    Symmetric by construction (distance(a, b) = distance(b, a)); about 150 x 149 rows.
-#}
with

context as (
    select * from {{ ref('int_analysis__council_context') }}
),

pairs as (
    select
        councils.authority_code,
        neighbours.authority_code as neighbour_code,
        power(councils.z_log_population - neighbours.z_log_population, 2)
        + power(councils.z_share_0_17 - neighbours.z_share_0_17, 2)
        + power(councils.z_share_65_plus - neighbours.z_share_65_plus, 2) as continuous_sq,
        case when councils.authority_type = neighbours.authority_type then 0 else 1 end as type_differs,
        case when councils.region_code = neighbours.region_code then 0 else 1 end as region_differs
    from context as councils
    inner join context as neighbours
        on councils.authority_code <> neighbours.authority_code
),

final as (
    select
        authority_code,
        neighbour_code,
        type_differs = 1 as is_other_type,
        region_differs = 1 as is_other_region,
        sqrt(
            continuous_sq
            + {{ var('neighbour_type_weight', 1) }} * type_differs
            + {{ var('neighbour_region_weight', 1) }} * region_differs
        ) as distance
    from pairs
)

select * from final
