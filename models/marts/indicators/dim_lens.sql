{#-
    Published from int_indicators__lenses (models/intermediate/indicators), where it is built: marts only publish,
    with the enforced contract and the tests in _indicators__models.yml.
-#}
with

lenses as (
    select * from {{ ref('int_indicators__lenses') }}
),

final as (
    select
        lens_id,
        lens_name,
        sort_order,
        description,
        spend_basis,
        indicator_count
    from lenses
)

select * from final
