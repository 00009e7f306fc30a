{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    The 'default' run of the rank simulation (int_analysis__rank_runs, the index's own macros in
    SQL) must reproduce the index's own ranks (fct_lens_productivity.lens_rank,
    fct_overall_productivity.overall_rank) for every edition, council and lens: otherwise the
    uncertainty intervals would be about a different method. Returns the rows where they differ (or one side has a rank and the other not).
-#}
with

runs as (
    select * from {{ ref('int_analysis__rank_runs') }}
    where run_group = 'default'
),

all_published as (
    {{ index_published_ranks(ref('fct_lens_productivity'), ref('fct_overall_productivity')) }}
),

published as (
    select * from all_published
    where rank_value is not null
)

select
    coalesce(published.edition, runs.edition) as edition,
    coalesce(published.authority_code, runs.authority_code) as authority_code,
    coalesce(published.lens_id, runs.lens_id) as lens_id,
    published.rank_value as published_rank,
    runs.rank as simulated_rank
from published
full outer join runs
    on
        published.edition = runs.edition
        and published.authority_code = runs.authority_code
        and published.lens_id = runs.lens_id
where published.rank_value is null or runs.rank is null or published.rank_value <> runs.rank
