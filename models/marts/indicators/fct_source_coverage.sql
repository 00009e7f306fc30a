{#-
    What is loaded, per registry dataset and period: the rows and authorities each source holds in
    staging (every landed table, indicator or not), the authorities with indicator data on the
    2017-19 upper tier, indicator rows, and the loader's record of files and rows. Datasets with
    no period at all (lookups, missing datasets) appear once with a null period.
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

staged as (
    select
        source_dataset_id,
        period,
        max(period_end_year) as period_end_year,
        cast(sum(staged_rows) as bigint) as staged_rows,
        cast(max(staged_authorities) as bigint) as authorities_in_source
    from {{ ref('int_sources__staged_periods') }}
    group by source_dataset_id, period
),

dataset_periods as (
    select
        source_dataset_id,
        period
    from indicator_periods
    union
    select
        source_dataset_id,
        period
    from staged
),

period_rows as (
    select
        dataset_periods.source_dataset_id,
        dataset_periods.period,
        coalesce(indicator_periods.period_end_year, staged.period_end_year) as period_end_year,
        coalesce(indicator_periods.authorities_with_data, 0) as authorities_with_data,
        coalesce(indicator_periods.indicator_rows, 0) as indicator_rows,
        coalesce(staged.staged_rows, 0) as staged_rows,
        coalesce(staged.authorities_in_source, 0) as authorities_in_source
    from dataset_periods
    left join indicator_periods
        on
            dataset_periods.source_dataset_id = indicator_periods.source_dataset_id
            and dataset_periods.period = indicator_periods.period
    left join staged
        on
            dataset_periods.source_dataset_id = staged.source_dataset_id
            and dataset_periods.period = staged.period
),

datasets_without_periods as (
    select
        loaded.source_dataset_id,
        cast(null as {{ dbt.type_string() }}) as period,
        cast(null as integer) as period_end_year,
        cast(0 as bigint) as authorities_with_data,
        cast(0 as bigint) as indicator_rows,
        cast(0 as bigint) as staged_rows,
        cast(0 as bigint) as authorities_in_source
    from loaded
    where loaded.source_dataset_id not in (select period_rows.source_dataset_id from period_rows)
),

all_rows as (
    select * from period_rows
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
        all_rows.staged_rows,
        all_rows.authorities_in_source,
        coalesce(loaded.files_loaded, 0) as files_loaded,
        coalesce(loaded.raw_rows_loaded, 0) as raw_rows_loaded,
        coalesce(loaded.load_status, 'not_in_registry') as load_status
    from all_rows
    cross join expected
    left join loaded on all_rows.source_dataset_id = loaded.source_dataset_id
)

select * from final
