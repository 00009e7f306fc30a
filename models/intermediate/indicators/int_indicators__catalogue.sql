with

catalogue as (
    select * from {{ ref('indicator_catalogue') }}
),

lenses as (
    select * from {{ ref('lenses') }}
),

final as (
    select
        catalogue.indicator_id,
        catalogue.lens_id,
        lenses.lens_name,
        catalogue.name,
        catalogue.definition,
        catalogue.numerator,
        catalogue.denominator,
        catalogue.unit,
        catalogue.polarity,
        catalogue.source_dataset_id,
        catalogue.publisher_url,
        catalogue.rationale,
        catalogue.substitutes_for,
        catalogue.other_source_dataset_ids,
        catalogue.substitutes_for is not null as is_substitute
    from catalogue
    inner join lenses on catalogue.lens_id = lenses.lens_id
)

select * from final
