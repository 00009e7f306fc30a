{#-
    What is loaded, per registry dataset and period: authorities with indicator data, indicator
    rows, and the loader's record of files and rows. Datasets used only for lookups, population
    or spend (no indicator values) appear once with a null period, like missing ones.
-#}
with

values_all_periods as (
    select * from {{ ref('int_indicator_values__all_periods') }}
),

authorities as (
    select * from {{ ref('dim_authority') }}
),

expected as (
    select cast(count(*) as bigint) as authorities_expected from authorities
),

loaded as (
    select * from {{ ref('int_sources__loads') }}
),

indicator_periods as (
    select
        values_all_periods.source_dataset_id,
        values_all_periods.period,
        max(values_all_periods.period_end_year) as period_end_year,
        cast(count(distinct authorities.authority_code) as bigint) as authorities_with_data,
        cast(count(*) as bigint) as indicator_rows
    from values_all_periods
    inner join authorities on values_all_periods.authority_code = authorities.authority_code
    where values_all_periods.value is not null
    group by values_all_periods.source_dataset_id, values_all_periods.period
),

datasets_without_periods as (
    select
        loaded.source_dataset_id,
        cast(null as {{ dbt.type_string() }}) as period,
        cast(null as integer) as period_end_year,
        cast(0 as bigint) as authorities_with_data,
        cast(0 as bigint) as indicator_rows
    from loaded
    where loaded.source_dataset_id not in (select indicator_periods.source_dataset_id from indicator_periods)
),

all_rows as (
    select * from indicator_periods
    union all
    select * from datasets_without_periods
),

final as (
    select
        all_rows.source_dataset_id,
        all_rows.period,
        all_rows.period_end_year,
        all_rows.authorities_with_data,
        expected.authorities_expected,
        all_rows.indicator_rows,
        coalesce(loaded.files_loaded, 0) as files_loaded,
        coalesce(loaded.raw_rows_loaded, 0) as raw_rows_loaded,
        coalesce(loaded.load_status, 'not_in_registry') as load_status
    from all_rows
    cross join expected
    left join loaded on all_rows.source_dataset_id = loaded.source_dataset_id
)

select * from final
