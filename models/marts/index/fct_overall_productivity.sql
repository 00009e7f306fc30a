{#-
    Published from int_index__overall_productivity (models/intermediate/index), where it is built, with
    the caveats and not-ranked reason of int_index__overall_caveats: marts only publish, with the
    enforced contract and the tests in _index__models.yml.
-#}
with

overall_productivity as (
    select * from {{ ref('int_index__overall_productivity') }}
),

overall_caveats as (
    select * from {{ ref('int_index__overall_caveats') }}
),

final as (
    select
        overall_productivity.edition,
        overall_productivity.authority_code,
        overall_productivity.lenses_ranked,
        overall_productivity.mean_lens_rank,
        overall_productivity.is_ranked_overall,
        overall_productivity.overall_rank,
        overall_productivity.mean_outcome_index,
        overall_productivity.mean_spend_index,
        overall_productivity.quadrant,
        overall_caveats.lenses_scored,
        overall_caveats.is_ranked_on_fewer_lenses,
        overall_caveats.has_implausibly_low_spend,
        overall_caveats.has_few_indicators,
        overall_caveats.has_partial_lens,
        overall_caveats.is_fallback_spend_year,
        overall_caveats.caveat_text,
        overall_caveats.not_ranked_reason
    from overall_productivity
    left join overall_caveats
        on
            overall_productivity.edition = overall_caveats.edition
            and overall_productivity.authority_code = overall_caveats.authority_code
)

select * from final
