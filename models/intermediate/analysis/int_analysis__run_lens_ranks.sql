{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    The lens ranks of every simulation run that scores lenses (int_analysis__runs: all but the
    lens-weight runs, which keep the default run's lens ranks), one row per edition, run, ranked
    council and lens where the council has a lens rank in the run. Each run follows the index step
    by step with the index's own macros (macros/index/index_method.sql), only with its own choices:
      1. indicator scores: the run's method and winsorising, from int_analysis__method_scores (the
         index's normalise_score), without the indicator the run leaves out;
      2. lens outcome score: the mean of the scores weighted by the run's indicator weights
         (int_analysis__run_weights; 1 when the run has none), index_lens_outcome_score_slots,
         counting only when index_has_enough_indicators on the index's own count of the lens's
         indicators (int_index__lens_outcomes; a left-out indicator also leaves that count);
      3. outcome index (index_outcome_index, mean and sample sd across the ranked councils of the
         edition, lens and run), productivity (index_productivity_index) with the index's spend
         index (int_index__lens_productivity), lens rank (index_rank, 1 = most productive).
    Productivity is rounded to 9 decimals before ranking, so councils with identical data tie
    exactly whatever the floating-point order of the sums.

    How, and why so: a lens has at most analysis_lens_slots() indicators (catalogue order gives
    each its slot). The scores of each method choice, council and lens are laid out in one row
    (one column per slot, with the council's spend index), and so are each run's weights per lens;
    joining the two on (edition, method choice, lens) gives every run, council and lens in one row
    whose weighted mean is a sum over the slots: runs x councils x lenses rows (about 1,150 x 150
    x 6 per edition at the default vars) instead of a join of runs x councils x indicators (eight
    times as many) aggregated back, which took seven times as long. After that one join come
    only the spread of the scores per (edition, run, lens), a few tens of thousands of rows joined
    back on those keys, and the rank, a window over them: no later join can multiply the rows, so
    no engine can pick a bad order for a join of millions of rows (PostgreSQL, misjudging the
    size, once joined the spend to every run before narrowing it down and filled the disk).
-#}
{%- set slots = range(1, analysis_lens_slots() + 1) %}
{%- set score_columns = [] %}
{%- set weight_columns = [] %}
{%- for slot in slots %}
    {%- do score_columns.append('slot_scores.score_' ~ slot) %}
    {%- do weight_columns.append('slot_weights.weight_' ~ slot) %}
{%- endfor %}

with

runs as (
    select * from {{ ref('int_analysis__runs') }}
    where run_group <> 'lens_weights'
),

scores as (
    select * from {{ ref('int_analysis__method_scores') }}
),

weights as (
    select * from {{ ref('int_analysis__run_weights') }}
    where weight_of = 'indicator'
),

catalogue as (
    select * from {{ ref('int_indicators__catalogue') }}
),

lens_productivity as (
    select * from {{ ref('int_index__lens_productivity') }}
),

-- the number of indicators a lens counts, exactly as the index counts them
lens_sizes as (
    select distinct
        lens_id,
        indicators_in_lens
    from {{ ref('int_index__lens_outcomes') }}
),

-- each catalogue indicator's column (slot) within its lens; the numbers are only positions
lens_slots as (
    select
        catalogue.indicator_id,
        catalogue.lens_id,
        row_number() over (partition by catalogue.lens_id order by catalogue.indicator_id) as slot,
        lens_sizes.indicators_in_lens
    from catalogue
    inner join lens_sizes
        on catalogue.lens_id = lens_sizes.lens_id
),

-- lenses and method choices numbered (in no particular order: the numbers are only keys), so the
-- large join and windows below work on integers
lenses as (
    select
        lens_id,
        row_number() over (order by lens_id) as lens_number
    from (select distinct lens_id from scores) as present
),

choices as (
    select
        normalisation,
        winsorise,
        row_number() over (order by normalisation, winsorise) as choice_number
    from (
        select distinct
            normalisation,
            winsorise
        from scores
    ) as present
),

-- the scores of each method choice, council and lens, one column per slot (null = no score),
-- with the council's spend index in the lens (the index's, int_index__lens_productivity)
slot_scores as (
    select
        scores.edition,
        choices.choice_number,
        scores.authority_code,
        scores.lens_id,
        lenses.lens_number,
        {%- for slot in slots %}
            max(case when lens_slots.slot = {{ slot }} then scores.score end) as score_{{ slot }},
        {%- endfor %}
        max(lens_productivity.spend_index) as spend_index
    from scores
    inner join lens_slots
        on scores.indicator_id = lens_slots.indicator_id
    inner join choices
        on scores.normalisation = choices.normalisation and scores.winsorise = choices.winsorise
    inner join lenses
        on scores.lens_id = lenses.lens_id
    left join lens_productivity
        on
            scores.edition = lens_productivity.edition
            and scores.authority_code = lens_productivity.authority_code
            and scores.lens_id = lens_productivity.lens_id
    group by scores.edition, choices.choice_number, scores.authority_code, scores.lens_id, lenses.lens_number
),

-- each run's weight of each indicator (null for the indicator the run leaves out; 1 without random weights)
run_slots as (
    select
        runs.edition,
        runs.run_id,
        choices.choice_number,
        lenses.lens_number,
        lens_slots.slot,
        lens_slots.indicators_in_lens,
        case when lens_slots.indicator_id = runs.left_out_indicator_id then 1 else 0 end as is_left_out,
        case
            when runs.left_out_indicator_id is null or lens_slots.indicator_id <> runs.left_out_indicator_id
                then coalesce(weights.weight, 1.0)
        end as weight
    from runs
    inner join choices
        on runs.normalisation = choices.normalisation and runs.winsorise = choices.winsorise
    cross join lens_slots
    inner join lenses
        on lens_slots.lens_id = lenses.lens_id
    left join weights
        on
            runs.edition = weights.edition
            and runs.run_id = weights.run_id
            and lens_slots.indicator_id = weights.weight_key
),

-- the same laid out one column per slot, with the lens's indicator count for the run (the
-- index's count, one fewer in the lens of the left-out indicator)
slot_weights as (
    select
        edition,
        run_id,
        choice_number,
        lens_number,
        {%- for slot in slots %}
            max(case when slot = {{ slot }} then weight end) as weight_{{ slot }},
        {%- endfor %}
        max(indicators_in_lens) - max(is_left_out) as indicators_in_lens
    from run_slots
    group by edition, run_id, choice_number, lens_number
),

-- the one large step: runs x councils x lenses
lens_means as (
    select
        slot_weights.edition,
        slot_weights.run_id,
        slot_scores.authority_code,
        slot_scores.lens_id,
        slot_scores.lens_number,
        slot_scores.spend_index,
        slot_weights.indicators_in_lens,
        {{ index_indicators_used_slots(score_columns, weight_columns) }} as indicators_used,
        {{ index_lens_outcome_score_slots(score_columns, weight_columns) }} as mean_score
    from slot_weights
    inner join slot_scores
        on
            slot_weights.edition = slot_scores.edition
            and slot_weights.choice_number = slot_scores.choice_number
            and slot_weights.lens_number = slot_scores.lens_number
),

lens_outcomes as (
    select
        edition,
        run_id,
        authority_code,
        lens_id,
        lens_number,
        spend_index,
        case
            when {{ index_has_enough_indicators('indicators_used', 'indicators_in_lens') }} then mean_score
        end as outcome_score
    from lens_means
),

-- the mean and sample sd of the outcome scores across the councils of each edition, run and lens:
-- an aggregate joined back rather than a window, so the runs x councils x lenses rows are sorted
-- once (for the rank) instead of twice (9.5 s against 14.0 s in DuckDB, 57 s against 75 s in
-- PostgreSQL, for the demo's ten million rows)
lens_spread as (
    select
        edition,
        run_id,
        lens_number,
        avg(outcome_score) as mean_outcome_score,
        stddev_samp(outcome_score) as sd_outcome_score
    from lens_outcomes
    group by edition, run_id, lens_number
),

-- outcome index standardised by that mean and sd, then productivity, rounded to 9 decimals so that
-- councils with identical data tie whatever the summation order
productivity as (
    select
        lens_outcomes.edition,
        lens_outcomes.run_id,
        lens_outcomes.authority_code,
        lens_outcomes.lens_id,
        lens_outcomes.lens_number,
        {{ round_places(index_productivity_index(
            index_outcome_index(
                'lens_outcomes.outcome_score',
                'lens_spread.mean_outcome_score',
                'lens_spread.sd_outcome_score'),
            'lens_outcomes.spend_index'), 9) }} as productivity_index
    from lens_outcomes
    inner join lens_spread
        on
            lens_outcomes.edition = lens_spread.edition
            and lens_outcomes.run_id = lens_spread.run_id
            and lens_outcomes.lens_number = lens_spread.lens_number
),

ranked as (
    select
        edition,
        run_id,
        authority_code,
        lens_id,
        {{ index_rank('productivity_index', 'edition, run_id, lens_number') }} as lens_rank
    from productivity
),

final as (
    select
        cast(edition as integer) as edition,
        cast(run_id as integer) as run_id,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(lens_id as {{ type_varchar() }}) as lens_id,
        cast(lens_rank as integer) as lens_rank
    from ranked
    where lens_rank is not null
)

select * from final
