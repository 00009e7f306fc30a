{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Each ranked council's ranks among its statistical neighbours: per edition and lens (and
    'overall'), the national rank (fct_lens_productivity.lens_rank, fct_overall_productivity.overall_rank)
    and the rank within the group made of the council and its neighbours in that edition's
    context (int_analysis__statistical_neighbours; 1 + the neighbours ranked better nationally;
    ties share the lowest rank), with how many of the group are ranked and the neighbours' median
    national rank.
-#}
with

lens_productivity as (
    select * from {{ ref('fct_lens_productivity') }}
),

overall as (
    select * from {{ ref('fct_overall_productivity') }}
),

neighbours as (
    select * from {{ ref('int_analysis__statistical_neighbours') }}
),

ranks as (
    {{ index_published_ranks('lens_productivity', 'overall') }}
),

group_ranks as (
    select
        own.edition,
        own.authority_code,
        own.lens_id,
        own.rank_value,
        count(*) as group_size,
        count(neighbour_ranks.rank_value) as neighbours_ranked,
        sum(case when neighbour_ranks.rank_value < own.rank_value then 1 else 0 end) as neighbours_ranked_better,
        {{ median_of('neighbour_ranks.rank_value') }} as neighbour_median_rank
    from ranks as own
    inner join neighbours
        on
            own.edition = neighbours.edition
            and own.authority_code = neighbours.authority_code
    left join ranks as neighbour_ranks
        on
            own.edition = neighbour_ranks.edition
            and own.lens_id = neighbour_ranks.lens_id
            and neighbours.neighbour_code = neighbour_ranks.authority_code
    group by own.edition, own.authority_code, own.lens_id, own.rank_value
),

final as (
    select
        cast(edition as integer) as edition,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(lens_id as {{ type_varchar() }}) as lens_id,
        cast(rank_value as integer) as rank,
        cast(
            case when rank_value is not null then 1 + neighbours_ranked_better end as integer
        ) as rank_among_neighbours,
        cast(
            neighbours_ranked + case when rank_value is not null then 1 else 0 end as integer
        ) as group_councils_ranked,
        cast(group_size + 1 as integer) as group_size,
        cast(neighbour_median_rank as {{ type_double() }}) as neighbour_median_rank
    from group_ranks
)

select * from final
