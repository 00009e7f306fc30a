{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Sensitivity of the overall ranking to each method choice: for every run of
    int_analysis__rank_runs other than 'default', the overall ranks compared with the published
    overall ranks (fct_overall_productivity) over the councils ranked in both: mean and largest
    absolute rank shift, and Spearman's rank correlation (the Pearson correlation of the two
    rankings, rounded to 10 decimals; tied councils keep their shared competition rank). Summarised per edition, choice
    (run_group) and option (e.g. the method, the indicator left out); for the random-weight and
    Monte Carlo choices the statistics are averaged over their runs (max_abs_rank_shift is the
    largest of any run).
-#}
with

runs as (
    select * from {{ ref('int_analysis__rank_runs') }}
    where lens_id = 'overall' and run_group <> 'default'
),

published as (
    select * from {{ ref('fct_overall_productivity') }}
    where overall_rank is not null
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

choice_order as (
    select
        'normalisation' as run_group,
        1 as choice_order,
        'normalisation method' as choice
    union all
    select
        'winsorise' as run_group,
        2 as choice_order,
        'winsorising' as choice
    union all
    select
        'indicator_weights' as run_group,
        3 as choice_order,
        'random indicator weights' as choice
    union all
    select
        'lens_weights' as run_group,
        4 as choice_order,
        'random lens weights' as choice
    union all
    select
        'leave_one_out' as run_group,
        5 as choice_order,
        'indicator left out' as choice
    union all
    select
        'monte_carlo' as run_group,
        6 as choice_order,
        'all choices at once (Monte Carlo)' as choice
),

per_run as (
    select
        runs.edition,
        runs.run_group,
        runs.run_option,
        runs.draw,
        count(*) as councils_compared,
        avg(abs(cast(runs.rank - published.overall_rank as {{ type_double() }}))) as mean_abs_rank_shift,
        max(abs(runs.rank - published.overall_rank)) as max_abs_rank_shift,
        {{ correlation_of(
            'cast(runs.rank as ' ~ type_double() ~ ')',
            'cast(published.overall_rank as ' ~ type_double() ~ ')') }} as spearman_correlation
    from runs
    inner join published
        on
            runs.edition = published.edition
            and runs.authority_code = published.authority_code
    group by runs.edition, runs.run_group, runs.run_option, runs.draw
),

summarised as (
    select
        edition,
        run_group,
        run_option,
        count(*) as runs,
        avg(councils_compared) as councils_compared,
        avg(mean_abs_rank_shift) as mean_abs_rank_shift,
        max(max_abs_rank_shift) as max_abs_rank_shift,
        avg(spearman_correlation) as spearman_correlation,
        min(spearman_correlation) as min_spearman_correlation
    from per_run
    group by edition, run_group, run_option
),

final as (
    select
        cast(summarised.edition as integer) as edition,
        cast(choice_order.choice_order as integer) as choice_order,
        cast(summarised.run_group as {{ type_varchar() }}) as choice_id,
        cast(choice_order.choice as {{ type_varchar() }}) as choice,
        cast(summarised.run_option as {{ type_varchar() }}) as option_id,
        cast(coalesce(indicators.name, summarised.run_option) as {{ type_varchar() }}) as option_label,
        cast(summarised.runs as integer) as runs,
        cast(summarised.councils_compared as {{ type_double() }}) as councils_compared,
        cast(summarised.mean_abs_rank_shift as {{ type_double() }}) as mean_abs_rank_shift,
        cast(summarised.max_abs_rank_shift as integer) as max_abs_rank_shift,
        cast(
            {{ round_places("summarised.spearman_correlation", 10) }} as {{ type_double() }}
        ) as spearman_correlation,
        cast(
            {{ round_places("summarised.min_spearman_correlation", 10) }} as {{ type_double() }}
        ) as min_spearman_correlation
    from summarised
    inner join choice_order
        on summarised.run_group = choice_order.run_group
    left join indicators
        on
            summarised.run_group = 'leave_one_out'
            and summarised.run_option = indicators.indicator_id
)

select * from final
