{#-
    Published from int_indicator_values__editions (models/intermediate/indicators), where it is built: marts only publish,
    with the enforced contract and the tests in _indicator_values__models.yml.
-#}
with

editions as (
    select * from {{ ref('int_indicator_values__editions') }}
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
        is_ranked
    from editions
)

select * from final
