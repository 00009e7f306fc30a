{#-
    What each edition uses and what is loaded: one row per edition (seed editions), registry dataset
    and period. The dataset-period part is the same for every edition: the rows and authorities
    each source holds in staging (every landed table, indicator or not), the authorities with
    indicator data on the 2017-19 upper tier, indicator rows, and the loader's record of files and
    rows. Datasets with no period at all (lookups, missing datasets) appear once per edition with a
    null period.
    The edition part: the period's release date and whether it was out by the edition's
    publication date (int_sources__period_releases), and whether the edition uses it (`is_used`,
    `used_for`): for indicator values (int_indicator_values__editions), for lens spend (the revenue
    account return and year of int_finance__lens_spend: RA -> mhclg_ra_budget, RS/RSX ->
    mhclg_rs_outturn, RO3 -> mhclg_ro_detail, as int_sources__period_releases names them) or for the
    population that divides spend (ons_mid_year_population, period = the mid-year, e.g. '2017').
    A period used only for spend or population gets its rows here even when staging lists no such
    period. Filter `edition = 2019 and is_used` for the sources of one edition.
-#}
with

editions as (
    select * from {{ ref('editions') }}
),

releases as (
    select * from {{ ref('int_sources__period_releases') }}
),

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

edition_values as (
    select * from {{ ref('int_indicator_values__editions') }}
),

lens_spend as (
    select * from {{ ref('int_finance__lens_spend') }}
),

edition_uses as (
    -- every (dataset, period) an edition uses, and what for
    select distinct
        edition,
        source_dataset_id,
        period,
        period_end_year,
        'indicators' as used_for
    from edition_values
    union
    select distinct
        edition,
        case return_type
            when 'RA' then 'mhclg_ra_budget'
            when 'RS' then 'mhclg_rs_outturn'
            else 'mhclg_ro_detail'
        end as source_dataset_id,
        spend_year as period,
        {{ financial_year_end('spend_year') }} as period_end_year,
        'spend' as used_for
    from lens_spend
    union
    select distinct
        edition,
        'ons_mid_year_population' as source_dataset_id,
        cast(population_mid_year as {{ type_varchar() }}) as period,
        population_mid_year as period_end_year,
        'population' as used_for
    from lens_spend
),

uses as (
    -- per edition, dataset and period: what the edition uses it for
    select
        edition,
        source_dataset_id,
        period,
        {{ text_agg('used_for', "', '", 'used_for') }} as used_for
    from (
        select distinct
            edition,
            source_dataset_id,
            period,
            used_for
        from edition_uses
    ) as kinds
    group by edition, source_dataset_id, period
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

used_periods as (
    select
        source_dataset_id,
        period,
        max(period_end_year) as period_end_year
    from edition_uses
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
    union
    select
        source_dataset_id,
        period
    from used_periods
),

period_rows as (
    select
        dataset_periods.source_dataset_id,
        dataset_periods.period,
        coalesce(
            indicator_periods.period_end_year, staged.period_end_year, used_periods.period_end_year
        ) as period_end_year,
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
    left join used_periods
        on
            dataset_periods.source_dataset_id = used_periods.source_dataset_id
            and dataset_periods.period = used_periods.period
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
        editions.edition,
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
        coalesce(loaded.load_status, 'not_in_registry') as load_status,
        releases.released_on,
        releases.released_on < editions.publication_date as is_released,
        uses.source_dataset_id is not null as is_used,
        uses.used_for
    from editions
    cross join all_rows
    cross join expected
    left join loaded on all_rows.source_dataset_id = loaded.source_dataset_id
    left join releases
        on
            all_rows.source_dataset_id = releases.source_dataset_id
            and all_rows.period = releases.period
    left join uses
        on
            editions.edition = uses.edition
            and all_rows.source_dataset_id = uses.source_dataset_id
            and all_rows.period = uses.period
)

select * from final
