with

lenses as (
    select * from {{ ref('lenses') }}
),

catalogue as (
    select * from {{ ref('indicator_catalogue') }}
),

indicator_counts as (
    select
        lens_id,
        count(*) as indicator_count
    from catalogue
    where substitutes_for is null  -- a substitute stands in for one of these; it is not counted again
    group by lens_id
),

final as (
    select
        lenses.lens_id,
        lenses.lens_name,
        lenses.sort_order,
        lenses.description,
        lenses.spend_basis,
        coalesce(indicator_counts.indicator_count, 0) as indicator_count
    from lenses
    left join indicator_counts on lenses.lens_id = indicator_counts.lens_id
)

select * from final
