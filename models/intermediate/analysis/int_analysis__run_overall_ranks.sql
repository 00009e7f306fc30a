{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    The overall rank of every run of the rank simulation (int_analysis__runs), in portable SQL with
    the index's own macros: one row per edition, run and council with an overall rank in the run.
    int_analysis__rank_runs puts these beside the lens ranks for fct_rank_uncertainty and
    rpt_sensitivity.

    Lens ranks come from int_analysis__run_lens_ranks; the lens-weight runs keep the default run's
    lens ranks (they change only how lenses are averaged). Overall rank (index macros): the mean of
    the council's lens ranks weighted by the run's lens weights (index_mean_lens_rank; 1 each when
    the run has none), given to councils with enough ranked lenses (index_is_ranked_overall),
    ranked ascending (index_rank) on the mean rounded to 9 decimals.
    The default run (run_group 'default', draw 0) reproduces fct_overall_productivity rank for rank
    (tests/dbt/analysis/assert_analysis_default_run_matches_index).
-#}

with

runs as (
    select * from {{ ref('int_analysis__runs') }}
),

scored_lens_ranks as (
    select * from {{ ref('int_analysis__run_lens_ranks') }}
),

lens_weights as (
    select * from {{ ref('int_analysis__run_weights') }}
    where weight_of = 'lens'
),

default_runs as (
    select
        edition,
        run_id
    from runs
    where run_group = 'default'
),

lens_weight_runs as (
    select
        edition,
        run_id
    from runs
    where run_group = 'lens_weights'
),

-- narrowed to the default run first, then copied to each lens-weight run: the join order also
-- keeps engines from broadcasting all the lens ranks (Spark, judging them by their file size,
-- tried to and ran out of memory)
default_lens_ranks as (
    select
        scored_lens_ranks.edition,
        scored_lens_ranks.authority_code,
        scored_lens_ranks.lens_id,
        scored_lens_ranks.lens_rank
    from scored_lens_ranks
    inner join default_runs
        on
            scored_lens_ranks.edition = default_runs.edition
            and scored_lens_ranks.run_id = default_runs.run_id
),

lens_ranks as (
    select
        edition,
        run_id,
        authority_code,
        lens_id,
        lens_rank
    from scored_lens_ranks
    union all
    select
        lens_weight_runs.edition,
        lens_weight_runs.run_id,
        default_lens_ranks.authority_code,
        default_lens_ranks.lens_id,
        default_lens_ranks.lens_rank
    from default_lens_ranks
    inner join lens_weight_runs
        on default_lens_ranks.edition = lens_weight_runs.edition
),

by_council as (
    select
        lens_ranks.edition,
        lens_ranks.run_id,
        lens_ranks.authority_code,
        count(lens_ranks.lens_rank) as lenses_ranked,
        {{ index_mean_lens_rank('lens_ranks.lens_rank', 'coalesce(lens_weights.weight, 1.0)') }} as mean_lens_rank
    from lens_ranks
    left join lens_weights
        on
            lens_ranks.edition = lens_weights.edition
            and lens_ranks.run_id = lens_weights.run_id
            and lens_ranks.lens_id = lens_weights.weight_key
    group by lens_ranks.edition, lens_ranks.run_id, lens_ranks.authority_code
),

rankable as (
    select
        edition,
        run_id,
        authority_code,
        -- rounded to 9 decimals so that councils with identical ranks tie whatever the summation order
        case
            when {{ index_is_ranked_overall('lenses_ranked') }} then {{ round_places('mean_lens_rank', 9) }}
        end as ranked_mean_lens_rank
    from by_council
),

overall_ranks as (
    select
        edition,
        run_id,
        authority_code,
        {{ index_rank('ranked_mean_lens_rank', 'edition, run_id', descending=false) }} as overall_rank
    from rankable
),

final as (
    select
        cast(edition as integer) as edition,
        cast(run_id as integer) as run_id,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(overall_rank as integer) as overall_rank
    from overall_ranks
    where overall_rank is not null
)

select * from final
