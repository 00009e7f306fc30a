{#-
    Published from int_indicators__catalogue (models/intermediate/indicators), where it is built: marts only publish,
    with the enforced contract and the tests in _indicators__models.yml. sources_used: the datasets the
    indicator's values of this build came from (int_indicator_values__all_periods), so no indicator is
    shown with a source that was not loaded.
-#}
with

catalogue as (
    select * from {{ ref('int_indicators__catalogue') }}
),

values_all_periods as (
    select * from {{ ref('int_indicator_values__all_periods') }}
),

value_sources as (
    -- each dataset that gave the indicator a value, the preferred one sorted first
    select distinct
        values_all_periods.indicator_id,
        values_all_periods.source_dataset_id,
        case when values_all_periods.source_dataset_id = catalogue.source_dataset_id then '0' else '1' end
        || values_all_periods.source_dataset_id as sort_key
    from values_all_periods
    inner join catalogue on values_all_periods.indicator_id = catalogue.indicator_id
    where values_all_periods.value is not null
),

sources_used as (
    select
        indicator_id,
        {{ text_agg('source_dataset_id', "', '", 'sort_key') }} as sources_used
    from value_sources
    group by indicator_id
),

final as (
    select
        catalogue.indicator_id,
        catalogue.lens_id,
        catalogue.lens_name,
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
        catalogue.is_substitute,
        catalogue.other_source_dataset_ids,
        sources_used.sources_used
    from catalogue
    left join sources_used on catalogue.indicator_id = sources_used.indicator_id
)

select * from final
