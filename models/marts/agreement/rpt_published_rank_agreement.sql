{#-
    How close the rebuild comes to the ranks the study published, per edition and lens (and
    'overall'): over the published top-ten councils that the rebuild also ranks,
      - spearman_correlation: Spearman's rank correlation between published and rebuilt ranks (the
        Pearson correlation of the two ranks re-ranked within the compared councils, ties given
        their average rank); 1 = same order, 0 = unrelated, -1 = reversed;
      - mean_absolute_rank_difference: mean of |rebuilt rank - published rank|, in places;
      - mean_rebuilt_rank: the mean rebuilt rank of the published top ten (5.5 = the same ten on
        top overall; about 75 = no better than chance among 150).
    A yardstick, not a target: no method choice is tuned to it (seed study_published_ranks).
-#}
with

comparison as (
    select * from {{ ref('fct_published_rank_comparison') }}
),

lens_productivity as (
    select * from {{ ref('fct_lens_productivity') }}
),

overall as (
    select * from {{ ref('fct_overall_productivity') }}
),

rebuilt_ranks as (
    {{ index_published_ranks('lens_productivity', 'overall') }}
),

ranked_in_build as (
    select
        edition,
        lens_id,
        cast(count(rank_value) as integer) as councils_ranked
    from rebuilt_ranks
    group by edition, lens_id
),

compared as (
    select
        edition,
        lens_id,
        published_rank,
        rebuilt_rank
    from comparison
    where is_rebuilt_ranked
),

within_set as (
    -- ranks re-numbered among the compared councils, ties at their average rank
    select
        edition,
        lens_id,
        published_rank,
        rebuilt_rank,
        rank() over (partition by edition, lens_id order by published_rank)
        + (count(*) over (partition by edition, lens_id, published_rank) - 1) / 2.0 as published_order,
        rank() over (partition by edition, lens_id order by rebuilt_rank)
        + (count(*) over (partition by edition, lens_id, rebuilt_rank) - 1) / 2.0 as rebuilt_order
    from compared
),

statistics as (
    select
        edition,
        lens_id,
        cast(count(*) as integer) as councils_compared,
        cast({{ correlation_of('published_order', 'rebuilt_order') }} as {{ type_double() }})
            as spearman_correlation,
        cast(avg(abs(rebuilt_rank - published_rank)) as {{ type_double() }}) as mean_absolute_rank_difference,
        cast(avg(rebuilt_rank) as {{ type_double() }}) as mean_rebuilt_rank
    from within_set
    group by edition, lens_id
),

published_counts as (
    select
        edition,
        lens_id,
        cast(count(*) as integer) as councils_published,
        cast(sum(case when is_matched then 1 else 0 end) as integer) as councils_matched
    from comparison
    group by edition, lens_id
),

final as (
    select
        published_counts.edition,
        published_counts.lens_id,
        published_counts.councils_published,
        published_counts.councils_matched,
        coalesce(statistics.councils_compared, 0) as councils_compared,
        ranked_in_build.councils_ranked,
        statistics.spearman_correlation,
        statistics.mean_absolute_rank_difference,
        statistics.mean_rebuilt_rank
    from published_counts
    left join statistics
        on
            published_counts.edition = statistics.edition
            and published_counts.lens_id = statistics.lens_id
    left join ranked_in_build
        on
            published_counts.edition = ranked_in_build.edition
            and published_counts.lens_id = ranked_in_build.lens_id
)

select * from final
