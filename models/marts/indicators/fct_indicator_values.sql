{#-
    Published from int_indicator_values__edition_geography (models/intermediate/indicators): the
    values of int_indicator_values__editions mapped to each edition's own geography; marts only publish,
    with the enforced contract and the tests in _indicator_values__models.yml.
-#}
with

editions as (
    select * from {{ ref('int_indicator_values__edition_geography') }}
),

final as (
    select
        edition,
        authority_code,
        indicator_id,
        lens_id,
        period,
        period_end_year,
        value,
        numerator,
        denominator,
        source_dataset_id,
        is_apportioned,
        is_ranked,
        mapping_rule,
        is_recomputed
    from editions
)

select * from final
