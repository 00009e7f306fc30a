{{ config(enabled=var('analysis_enabled', true), materialized='view') }}
{#-
    The index recomputed under other method choices (int_analysis__runs), in portable SQL with the
    index's own macros: one row per edition, run, council and lens ('overall' for the overall rank)
    where the council has a rank in the run. fct_rank_uncertainty and rpt_sensitivity summarise it.

    The overall ranks of every run (int_analysis__run_overall_ranks) and the lens ranks of the
    default and Monte Carlo runs (int_analysis__run_lens_ranks; the other runs keep only their
    overall rank), each with its run's group, option and draw. A view: the lens ranks, about nine
    in ten of its rows, are stored once, in int_analysis__run_lens_ranks, and each reader takes
    only the runs it needs. The default run (run_group 'default', draw 0) reproduces
    fct_lens_productivity and fct_overall_productivity rank for rank
    (tests/dbt/analysis/assert_analysis_default_run_matches_index).
-#}

with

runs as (
    select * from {{ ref('int_analysis__runs') }}
),

overall_ranks as (
    select * from {{ ref('int_analysis__run_overall_ranks') }}
),

lens_ranks as (
    select * from {{ ref('int_analysis__run_lens_ranks') }}
),

final as (
    select
        cast(overall_ranks.edition as integer) as edition,
        cast(runs.run_group as {{ type_varchar() }}) as run_group,
        cast(runs.run_option as {{ type_varchar() }}) as run_option,
        cast(runs.draw as integer) as draw,
        cast(overall_ranks.authority_code as {{ type_varchar() }}) as authority_code,
        cast('overall' as {{ type_varchar() }}) as lens_id,
        cast(overall_ranks.overall_rank as integer) as rank
    from overall_ranks
    inner join runs
        on
            overall_ranks.edition = runs.edition
            and overall_ranks.run_id = runs.run_id
    union all
    select
        cast(lens_ranks.edition as integer) as edition,
        cast(runs.run_group as {{ type_varchar() }}) as run_group,
        cast(runs.run_option as {{ type_varchar() }}) as run_option,
        cast(runs.draw as integer) as draw,
        cast(lens_ranks.authority_code as {{ type_varchar() }}) as authority_code,
        cast(lens_ranks.lens_id as {{ type_varchar() }}) as lens_id,
        cast(lens_ranks.lens_rank as integer) as rank
    from lens_ranks
    inner join runs
        on
            lens_ranks.edition = runs.edition
            and lens_ranks.run_id = runs.run_id
    where runs.run_group in ('default', 'monte_carlo')
)

select * from final
