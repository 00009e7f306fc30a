{#-
    Published from int_indicator_values__england (models/intermediate/indicators), where it is
    built: marts only publish, with the enforced contract and the tests in
    _indicator_values__models.yml.
-#}
with

england as (
    select * from {{ ref('int_indicator_values__england') }}
),

final as (
    select
        edition,
        indicator_id,
        lens_id,
        period,
        period_end_year,
        value,
        numerator,
        denominator,
        source_dataset_id
    from england
)

select * from final
