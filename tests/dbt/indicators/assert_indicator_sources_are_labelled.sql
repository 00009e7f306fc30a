{#-
    Every indicator value comes from a dataset its catalogue row names: the preferred
    `source_dataset_id` or one of `other_source_dataset_ids` (seeds/indicator_catalogue.csv, the one
    statement of an indicator's sources). Lists each indicator and dataset that gave values without
    being named, so no indicator is labelled with one source while its numbers come from another
    (the carer indicators said nhsd_ascof while their values came from ascof_processed and oflog_asc).
-#}
with

value_sources as (
    select
        indicator_id,
        source_dataset_id,
        count(*) as value_rows
    from {{ ref('int_indicator_values__all_periods') }}
    where value is not null
    group by indicator_id, source_dataset_id
),

catalogue as (
    select * from {{ ref('int_indicators__catalogue') }}
)

select
    value_sources.indicator_id,
    value_sources.source_dataset_id,
    value_sources.value_rows,
    catalogue.source_dataset_id as labelled_source,
    catalogue.other_source_dataset_ids as labelled_other_sources
from value_sources
left join catalogue on value_sources.indicator_id = catalogue.indicator_id
where
    catalogue.indicator_id is null
    or not (
        value_sources.source_dataset_id = catalogue.source_dataset_id
        or ' ' || coalesce(catalogue.other_source_dataset_ids, '') || ' '
        like '% ' || value_sources.source_dataset_id || ' %'
    )
