{#-
    Published from int_index__lens_productivity (models/intermediate/index), where it is built, with
    the partial-lens flag of int_index__lens_substitutes and the caveats and not-ranked reason of
    int_index__lens_caveats: marts only publish, with the enforced contract and the tests in
    _index__models.yml.
-#}
with

lens_productivity as (
    select * from {{ ref('int_index__lens_productivity') }}
),

lens_substitutes as (
    select * from {{ ref('int_index__lens_substitutes') }}
),

lens_caveats as (
    select * from {{ ref('int_index__lens_caveats') }}
),

final as (
    select
        lens_productivity.edition,
        lens_productivity.authority_code,
        lens_productivity.lens_id,
        lens_productivity.outcome_score,
        lens_productivity.indicators_used,
        lens_productivity.indicators_in_lens,
        lens_productivity.has_enough_indicators,
        lens_productivity.spend_per_head,
        lens_productivity.spend_index,
        lens_productivity.outcome_index,
        lens_productivity.productivity_index,
        lens_productivity.lens_rank,
        lens_productivity.spend_source,
        lens_productivity.spend_year,
        coalesce(lens_substitutes.substitutes_used, 0) as substitutes_used,
        coalesce(lens_substitutes.is_partial_lens, false) as is_partial_lens,
        lens_caveats.has_implausibly_low_spend,
        lens_caveats.has_few_indicators,
        lens_caveats.is_fallback_spend_year,
        lens_caveats.caveat_text,
        lens_caveats.not_ranked_reason
    from lens_productivity
    left join lens_substitutes
        on
            lens_productivity.edition = lens_substitutes.edition
            and lens_productivity.authority_code = lens_substitutes.authority_code
            and lens_productivity.lens_id = lens_substitutes.lens_id
    left join lens_caveats
        on
            lens_productivity.edition = lens_caveats.edition
            and lens_productivity.authority_code = lens_caveats.authority_code
            and lens_productivity.lens_id = lens_caveats.lens_id
)

select * from final
