{#-
    Published from int_index__lens_productivity (models/intermediate/index), where it is built: marts only publish,
    with the enforced contract and the tests in _index__models.yml.
-#}
with

lens_productivity as (
    select * from {{ ref('int_index__lens_productivity') }}
),

final as (
    select
        edition,
        authority_code,
        lens_id,
        outcome_score,
        indicators_used,
        indicators_in_lens,
        has_enough_indicators,
        spend_per_head,
        spend_index,
        outcome_index,
        productivity_index,
        lens_rank,
        spend_source,
        spend_year
    from lens_productivity
)

select * from final
