{#-
    Steps 4 and 5 of the method, per edition and ranked council:
      overall rank: mean of the council's lens ranks; ranked (rank(), ascending, 1 = best) only
        when at least var('min_lenses_ranked') (5) of its six lenses have a rank;
      quadrant (councils ranked overall): mean standardised lens outcome score (mean outcome
        index >= 100, i.e. score >= 0: 'better outcomes', else 'worse outcomes') against mean
        spend index (< 100, i.e. below the median: 'lower spend', else 'higher spend'), both over
        the council's ranked lenses.
    The rules are macros (macros/index/index_method.sql) shared with the rank simulation
    (int_analysis__rank_runs).
-#}
with

lens_productivity as (
    select * from {{ ref('int_index__lens_productivity') }}
),

by_council as (
    select
        edition,
        authority_code,
        count(lens_rank) as lenses_ranked,
        {{ index_mean_lens_rank('lens_rank') }} as mean_lens_rank,
        avg(case when lens_rank is not null then outcome_index end) as mean_outcome_index,
        avg(case when lens_rank is not null then spend_index end) as mean_spend_index
    from lens_productivity
    group by edition, authority_code
),

flagged as (
    select
        *,
        {{ index_is_ranked_overall('lenses_ranked') }} as is_ranked_overall
    from by_council
),

ranked as (
    select
        *,
        {{ index_rank('case when is_ranked_overall then mean_lens_rank end', 'edition', descending=false) }}
            as overall_rank
    from flagged
),

final as (
    select
        cast(edition as integer) as edition,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(lenses_ranked as integer) as lenses_ranked,
        cast(mean_lens_rank as {{ type_double() }}) as mean_lens_rank,
        cast(is_ranked_overall as boolean) as is_ranked_overall,
        cast(overall_rank as integer) as overall_rank,
        cast(mean_outcome_index as {{ type_double() }}) as mean_outcome_index,
        cast(mean_spend_index as {{ type_double() }}) as mean_spend_index,
        cast(
            case
                when not is_ranked_overall then null
                when mean_outcome_index >= 100 and mean_spend_index < 100 then 'better outcomes, lower spend'
                when mean_outcome_index >= 100 and mean_spend_index >= 100 then 'better outcomes, higher spend'
                when mean_outcome_index < 100 and mean_spend_index < 100 then 'worse outcomes, lower spend'
                when mean_outcome_index < 100 and mean_spend_index >= 100 then 'worse outcomes, higher spend'
            end as {{ type_varchar() }}
        ) as quadrant
    from ranked
)

select * from final
