{#-
    Published from int_index__overall_productivity (models/intermediate/index), where it is built: marts only publish,
    with the enforced contract and the tests in _index__models.yml.
-#}
with

overall_productivity as (
    select * from {{ ref('int_index__overall_productivity') }}
),

final as (
    select
        edition,
        authority_code,
        lenses_ranked,
        mean_lens_rank,
        is_ranked_overall,
        overall_rank,
        mean_outcome_index,
        mean_spend_index,
        quadrant
    from overall_productivity
)

select * from final
