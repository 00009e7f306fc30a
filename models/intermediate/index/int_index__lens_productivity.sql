{#-
    Step 3 of the method: lens productivity of each ranked council, per edition and lens.
      outcome_index      = 100 + 10 x (outcome score standardised across the ranked councils of
                           the edition and lens: mean 0, sample sd 1)
      spend_index        = 100 x spend per head / median spend per head (ranked councils, same
                           edition and lens)
      productivity_index = 100 x outcome_index / spend_index
      lens_rank          = rank() by productivity_index rounded to 9 decimals, 1 = most
                           productive; ties share the lowest rank; null when the productivity
                           index is null.
    The formulas are macros (macros/index/index_method.sql) shared with the rank simulation
    (int_analysis__rank_runs).
-#}
with

outcomes as (
    select * from {{ ref('int_index__lens_outcomes') }}
),

spend as (
    select * from {{ ref('int_finance__lens_spend') }}
),

joined as (
    select
        outcomes.edition,
        outcomes.authority_code,
        outcomes.lens_id,
        outcomes.outcome_score,
        outcomes.indicators_used,
        outcomes.indicators_in_lens,
        outcomes.has_enough_indicators,
        spend.spend_source,
        spend.spend_year,
        case when spend.spend_per_head > 0 then spend.spend_per_head end as spend_per_head
    from outcomes
    left join spend
        on
            outcomes.edition = spend.edition
            and outcomes.authority_code = spend.authority_code
            and outcomes.lens_id = spend.lens_id
),

lens_stats as (
    select
        edition,
        lens_id,
        avg(outcome_score) as mean_outcome_score,
        stddev_samp(outcome_score) as sd_outcome_score,
        {{ median_of('spend_per_head') }} as median_spend_per_head
    from joined
    group by edition, lens_id
),

indexed as (
    select
        joined.*,
        {{ index_outcome_index(
            'joined.outcome_score', 'lens_stats.mean_outcome_score', 'lens_stats.sd_outcome_score'
        ) }} as outcome_index,
        {{ index_spend_index('joined.spend_per_head', 'lens_stats.median_spend_per_head') }} as spend_index
    from joined
    inner join lens_stats
        on
            joined.edition = lens_stats.edition
            and joined.lens_id = lens_stats.lens_id
),

productivity as (
    select
        *,
        {{ index_productivity_index('outcome_index', 'spend_index') }} as productivity_index
    from indexed
),

ranked as (
    select
        *,
        -- rounded to 9 decimals as in the rank simulation, so councils with identical data tie
        -- (the two halves of a split county scored on its apportioned counts) whatever the float noise
        {{ index_rank(round_places('productivity_index', 9), 'edition, lens_id') }} as lens_rank
    from productivity
),

final as (
    select
        cast(edition as integer) as edition,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(lens_id as {{ type_varchar() }}) as lens_id,
        cast(outcome_score as {{ type_double() }}) as outcome_score,
        cast(indicators_used as integer) as indicators_used,
        cast(indicators_in_lens as integer) as indicators_in_lens,
        cast(has_enough_indicators as boolean) as has_enough_indicators,
        cast(spend_per_head as {{ type_double() }}) as spend_per_head,
        cast(spend_index as {{ type_double() }}) as spend_index,
        cast(outcome_index as {{ type_double() }}) as outcome_index,
        cast(productivity_index as {{ type_double() }}) as productivity_index,
        cast(lens_rank as integer) as lens_rank,
        cast(spend_source as {{ type_varchar() }}) as spend_source,
        cast(spend_year as {{ type_varchar() }}) as spend_year
    from ranked
)

select * from final
