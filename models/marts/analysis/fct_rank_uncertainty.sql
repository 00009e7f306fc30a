{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Rank uncertainty: per edition, ranked council and lens (and 'overall'), the published rank
    (fct_lens_productivity.lens_rank, fct_overall_productivity.overall_rank) and how it spreads over
    the Monte Carlo runs of int_analysis__rank_runs (run_group 'monte_carlo': normalisation
    method, winsorising, random indicator and lens weights, one indicator left out, all drawn at
    once): the median rank, the 5th and 95th percentiles (discrete: ranks some run gave) and in how
    many of the runs the council had a rank.
-#}
with

lens_productivity as (
    select * from {{ ref('fct_lens_productivity') }}
),

overall as (
    select * from {{ ref('fct_overall_productivity') }}
),

runs as (
    select * from {{ ref('int_analysis__rank_runs') }}
    where run_group = 'monte_carlo'
),

published as (
    {{ index_published_ranks('lens_productivity', 'overall') }}
),

draws_per_edition as (
    select
        edition,
        count(distinct draw) as draws
    from runs
    group by edition
),

spread as (
    select
        edition,
        authority_code,
        lens_id,
        count(*) as draws_ranked,
        avg(cast(rank as {{ type_double() }})) as mean_rank,
        {{ median_of('rank') }} as median_rank,
        {{ percentile_disc_of('rank', 0.05) }} as rank_p05,
        {{ percentile_disc_of('rank', 0.95) }} as rank_p95
    from runs
    group by edition, authority_code, lens_id
),

final as (
    select
        cast(published.edition as integer) as edition,
        cast(published.authority_code as {{ type_varchar() }}) as authority_code,
        cast(published.lens_id as {{ type_varchar() }}) as lens_id,
        cast(published.rank_value as integer) as rank,
        cast(spread.median_rank as {{ type_double() }}) as median_rank,
        cast(spread.rank_p05 as integer) as rank_p05,
        cast(spread.rank_p95 as integer) as rank_p95,
        cast(spread.mean_rank as {{ type_double() }}) as mean_rank,
        cast(coalesce(draws_per_edition.draws, 0) as integer) as draws,
        cast(coalesce(spread.draws_ranked, 0) as integer) as draws_ranked
    from published
    left join spread
        on
            published.edition = spread.edition
            and published.authority_code = spread.authority_code
            and published.lens_id = spread.lens_id
    left join draws_per_edition
        on published.edition = draws_per_edition.edition
)

select * from final
