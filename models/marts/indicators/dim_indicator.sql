{#-
    Published from int_indicators__catalogue (models/intermediate/indicators), where it is built: marts only publish,
    with the enforced contract and the tests in _indicators__models.yml.
-#}
with

catalogue as (
    select * from {{ ref('int_indicators__catalogue') }}
),

final as (
    select
        indicator_id,
        lens_id,
        lens_name,
        name,
        definition,
        numerator,
        denominator,
        unit,
        polarity,
        source_dataset_id,
        publisher_url,
        rationale,
        substitutes_for,
        is_substitute
    from catalogue
)

select * from final
