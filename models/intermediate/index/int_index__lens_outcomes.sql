{#-
    Step 2 of the method: the lens outcome score of each ranked council, per edition and lens = the
    mean of its available indicator scores. A lens's indicators are those of dim_indicator (the
    catalogue); when a council has scores for fewer than var('min_indicator_share') (0.5) of them,
    its outcome score is null and has_enough_indicators is false (so a lens whose sources are
    mostly missing in an edition is not scored, rather than scored on one indicator).
    One row per edition x ranked council (of the edition's own geography) x lens. The rules are macros (macros/index/index_method.sql)
    shared with the rank simulation (int_analysis__rank_runs).
-#}
with

editions as (
    select * from {{ ref('editions') }}
),

authorities as (
    select * from {{ ref('int_geography__edition_authorities') }}
),

lenses as (
    select * from {{ ref('int_indicators__lenses') }}
),

indicators as (
    select * from {{ ref('int_indicators__catalogue') }}
),

scores as (
    select * from {{ ref('int_index__indicator_scores') }}
    where score is not null
),

spine as (
    select
        editions.edition,
        authorities.authority_code,
        lenses.lens_id
    from editions
    inner join authorities on editions.edition = authorities.edition
    cross join lenses
    where authorities.is_ranked
),

lens_indicators as (
    select
        lens_id,
        count(distinct indicator_id) as indicators_in_lens
    from indicators
    where substitutes_for is null  -- a substitute stands in for a counted indicator
    group by lens_id
),

council_lens as (
    select
        edition,
        authority_code,
        lens_id,
        count(*) as indicators_used,
        {{ index_lens_outcome_score('score') }} as mean_score
    from scores
    group by edition, authority_code, lens_id
),

joined as (
    select
        spine.edition,
        spine.authority_code,
        spine.lens_id,
        council_lens.mean_score,
        cast(coalesce(council_lens.indicators_used, 0) as integer) as indicators_used,
        cast(coalesce(lens_indicators.indicators_in_lens, 0) as integer) as indicators_in_lens
    from spine
    left join lens_indicators
        on spine.lens_id = lens_indicators.lens_id
    left join council_lens
        on
            spine.edition = council_lens.edition
            and spine.authority_code = council_lens.authority_code
            and spine.lens_id = council_lens.lens_id
),

final as (
    select
        edition,
        authority_code,
        lens_id,
        indicators_used,
        indicators_in_lens,
        coalesce({{ index_has_enough_indicators('indicators_used', 'indicators_in_lens') }}, false)
            as has_enough_indicators,
        case
            when {{ index_has_enough_indicators('indicators_used', 'indicators_in_lens') }} then mean_score
        end as outcome_score
    from joined
)

select * from final
