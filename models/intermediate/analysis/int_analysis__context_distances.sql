{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Context distance between ranked councils, for every pair that can hold a council's
    var('statistical_neighbours') (15) nearest:
      sqrt( (z log population)^2 diff + (z share 0-17)^2 diff + (z share 65+)^2 diff
            + var('neighbour_type_weight') if the authority types differ
            + var('neighbour_region_weight') if the regions differ )

    Not every pair: a grid search keeps the build linear in the number of councils (all pairs
    would be 150 x 149 rows on real data but n^2 on the scaled benchmark universes). The three
    standardised measures are cut into cubic cells of side `cell_size`, about 27 councils a cell
    on average. Each council is compared with the councils of the cells around its own, at most
    one cell away (ring 1), and keeps those closer than `1 x cell_size`: any council outside
    those cells is further than that in one measure alone, and a type or region penalty only
    adds to a distance, so when at least k councils are that close its k nearest are among them,
    exactly. A council with fewer than k that close searches two cells away (ring 2, radius
    `2 x cell_size`), and one with fewer still is compared with every council. Radii are shrunk
    by a millionth against rounding at cell edges. A pair kept for one council is kept both ways,
    so the table stays symmetric. With 150 councils the cells are large and most pairs are kept.
-#}
{%- set k = var('statistical_neighbours', 15) %}

with

context as (
    select * from {{ ref('int_analysis__council_context') }}
),

bounds as (
    select
        count(*) as councils,
        min(z_log_population) as min_log_population,
        min(z_share_0_17) as min_share_0_17,
        min(z_share_65_plus) as min_share_65_plus,
        max(z_log_population) - min(z_log_population) + 1e-6 as span_log_population,
        max(z_share_0_17) - min(z_share_0_17) + 1e-6 as span_share_0_17,
        max(z_share_65_plus) - min(z_share_65_plus) + 1e-6 as span_share_65_plus
    from context
),

grid as (
    select
        min_log_population,
        min_share_0_17,
        min_share_65_plus,
        -- side of a cubic cell holding about 27 councils of the bounding box on average
        power(span_log_population * span_share_0_17 * span_share_65_plus * 27.0 / councils, 1.0 / 3) as cell_size
    from bounds
),

cells as (
    select
        context.authority_code,
        context.authority_type,
        context.region_code,
        context.z_log_population,
        context.z_share_0_17,
        context.z_share_65_plus,
        cast(floor((context.z_log_population - grid.min_log_population) / grid.cell_size) as integer) as cell_x,
        cast(floor((context.z_share_0_17 - grid.min_share_0_17) / grid.cell_size) as integer) as cell_y,
        cast(floor((context.z_share_65_plus - grid.min_share_65_plus) / grid.cell_size) as integer) as cell_z,
        grid.cell_size
    from context
    cross join grid
),

steps as (
    {%- for step in range(-2, 3) %}
        select {{ step }} as step
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

offsets as (
    select
        step_x.step as offset_x,
        step_y.step as offset_y,
        step_z.step as offset_z,
        greatest(abs(step_x.step), abs(step_y.step), abs(step_z.step)) as ring
    from steps as step_x
    cross join steps as step_y
    cross join steps as step_z
),

ring_1_pairs as (
    select
        councils.authority_code,
        neighbours.authority_code as neighbour_code,
        1 * councils.cell_size * 0.999999 as search_radius,
        {{ council_context_distance('councils', 'neighbours') }} as distance
    from cells as councils
    inner join offsets
        on offsets.ring <= 1
    inner join cells as neighbours
        on
            councils.cell_x + offsets.offset_x = neighbours.cell_x
            and councils.cell_y + offsets.offset_y = neighbours.cell_y
            and councils.cell_z + offsets.offset_z = neighbours.cell_z
            and councils.authority_code <> neighbours.authority_code
),

ring_1_found as (
    select authority_code
    from ring_1_pairs
    where distance <= search_radius
    group by authority_code
    having count(*) >= {{ k }}
),

ring_2_pairs as (
    select
        councils.authority_code,
        neighbours.authority_code as neighbour_code,
        2 * councils.cell_size * 0.999999 as search_radius,
        {{ council_context_distance('councils', 'neighbours') }} as distance
    from cells as councils
    inner join offsets
        on offsets.ring <= 2
    inner join cells as neighbours
        on
            councils.cell_x + offsets.offset_x = neighbours.cell_x
            and councils.cell_y + offsets.offset_y = neighbours.cell_y
            and councils.cell_z + offsets.offset_z = neighbours.cell_z
            and councils.authority_code <> neighbours.authority_code
    where councils.authority_code not in (select ring_1_found.authority_code from ring_1_found)
),

ring_2_found as (
    select authority_code
    from ring_2_pairs
    where distance <= search_radius
    group by authority_code
    having count(*) >= {{ k }}
),

every_pair as (
    select
        councils.authority_code,
        neighbours.authority_code as neighbour_code
    from cells as councils
    inner join cells as neighbours
        on councils.authority_code <> neighbours.authority_code
    where
        councils.authority_code not in (select ring_1_found.authority_code from ring_1_found)
        and councils.authority_code not in (select ring_2_found.authority_code from ring_2_found)
),

kept as (
    select
        ring_1_pairs.authority_code,
        ring_1_pairs.neighbour_code
    from ring_1_pairs
    inner join ring_1_found on ring_1_pairs.authority_code = ring_1_found.authority_code
    where ring_1_pairs.distance <= ring_1_pairs.search_radius
    union all
    select
        ring_2_pairs.authority_code,
        ring_2_pairs.neighbour_code
    from ring_2_pairs
    inner join ring_2_found on ring_2_pairs.authority_code = ring_2_found.authority_code
    where ring_2_pairs.distance <= ring_2_pairs.search_radius
    union all
    select
        every_pair.authority_code,
        every_pair.neighbour_code
    from every_pair
),

both_ways as (
    select
        kept.authority_code,
        kept.neighbour_code
    from kept
    union
    select
        kept.neighbour_code as authority_code,
        kept.authority_code as neighbour_code
    from kept
),

final as (
    select
        both_ways.authority_code,
        both_ways.neighbour_code,
        councils.authority_type <> neighbours.authority_type as is_other_type,
        councils.region_code <> neighbours.region_code as is_other_region,
        {{ council_context_distance('councils', 'neighbours') }} as distance
    from both_ways
    inner join cells as councils on both_ways.authority_code = councils.authority_code
    inner join cells as neighbours on both_ways.neighbour_code = neighbours.authority_code
)

select * from final
