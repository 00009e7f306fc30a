{#-
    When each period of each outcome dataset was first published: one row per dataset and period
    that has indicator values, and per revenue account return (RA, RS/RSX, RO) and year held. The date is the period's own known release date where the registry
    gives one (`releases.known`, from the files' front pages), else the end of the period plus the
    dataset's usual release lag (`releases.lag_months`), marked `is_estimated`.
    End of a period: a financial year '2016-17' ends on 31 March 2017; any other label (a calendar
    year '2017', a rolling period '2014-16') is taken to end on 31 December of its period_end_year.
    Datasets without a timetable get no release date (and the edition rule falls back to
    outcome_period_end_year for them; a warn test lists them).
-#}
with

periods as (
    select distinct
        source_dataset_id,
        period,
        period_end_year
    from {{ ref('int_indicator_values__all_periods') }}
    union
    -- the revenue account returns whose years lens spend may use (int_finance__lens_spend_base)
    select distinct
        case return_type
            when 'RA' then 'mhclg_ra_budget'
            when 'RS' then 'mhclg_rs_outturn'
            else 'mhclg_ro_detail'
        end as source_dataset_id,
        period,
        period_end_year
    from {{ ref('int_finance__service_lines') }}
),

timetables as (
    select * from {{ ref('stg_loader__release_timetables') }}
),

known_dates as (
    select * from {{ ref('stg_loader__release_dates') }}
),

period_ends as (
    select
        source_dataset_id,
        period,
        period_end_year,
        cast(
            concat(
                cast(period_end_year as {{ type_varchar() }}),
                case when period like '____-__' then '-03-31' else '-12-31' end
            ) as date
        ) as period_end_date
    from periods
),

final as (
    select
        period_ends.source_dataset_id,
        period_ends.period,
        period_ends.period_end_year,
        period_ends.period_end_date,
        coalesce(
            known_dates.released_on,
            {{ add_months('period_ends.period_end_date', 'timetables.release_lag_months') }}
        ) as released_on,
        known_dates.released_on is null as is_estimated,
        coalesce(known_dates.release_source, timetables.usual_release) as release_basis,
        timetables.source_dataset_id is not null or known_dates.source_dataset_id is not null as has_timetable
    from period_ends
    left join timetables on period_ends.source_dataset_id = timetables.source_dataset_id
    left join known_dates
        on
            period_ends.source_dataset_id = known_dates.source_dataset_id
            and period_ends.period = known_dates.period
)

select * from final
