{#-
    ASCOF measure values for the indicator models: one row per measure code, disaggregation, area
    (int_indicator_inputs__areas) and ASCOF year ending by March 2019 (the last edition's data
    year), from the first of these sources with a value:
      1. nhsd_ascof       stg_ascof__measures: NHS Digital open data (CSV and xlsx releases), with
                          numerator and denominator;
      2. ascof_processed  stg_ascof__final_data: the processed extract, values only;
      3. the same measure from another publisher, for an area and year ASCOF lacks (disaggregation
         'Total'):
         oflog_asc             stg_oflog_asc__metrics, values only: ASC1 is 1D (carer-reported
                               quality of life), ASC4 is 3D(2) (carers finding information easy);
         nhse_dtoc_la_monthly  int_health__delayed_transfers, NHS England's monthly delayed
                               transfers summed over the year (a council-year with fewer than 12
                               returns has no value): 2C(1) all delays and 2C(2) delays attributable
                               to social care, average delayed beds a day per 100,000 adults
                               (numerator / population 18+ x 100,000, ASCOF's method).
    ASCOF is published per council with adult social services responsibilities (the upper tier),
    so nothing is summed; later-boundary codes (BCP ...) occur only after 2018-19. Suppressed or
    missing values give no row. An indicator model takes its measure code and disaggregation from
    here.
-#}
with

ascof_measures as (
    select * from {{ ref('stg_ascof__measures') }}
),

ascof_final_data as (
    select * from {{ ref('stg_ascof__final_data') }}
),

oflog_metrics as (
    select * from {{ ref('stg_oflog_asc__metrics') }}
),

delayed_transfers as (
    select * from {{ ref('int_health__delayed_transfers') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

candidates as (
    select
        1 as source_priority,
        'nhsd_ascof' as source_dataset_id,
        authority_code,
        period,
        period_end_year,
        measure_code,
        disaggregation,
        outcome_value as value,  -- noqa: RF04
        numerator,
        denominator
    from ascof_measures
    union all
    select
        2 as source_priority,
        'ascof_processed' as source_dataset_id,
        authority_code,
        period,
        period_end_year,
        measure_code,
        disaggregation,
        outcome_value as value,  -- noqa: RF04
        numerator,
        denominator
    from ascof_final_data
    union all
    select
        3 as source_priority,
        'oflog_asc' as source_dataset_id,
        authority_code,
        period,
        period_end_year,
        case metric_code when 'ASC1' then '1D' when 'ASC4' then '3D(2)' end as measure_code,
        'Total' as disaggregation,
        metric_value as value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator
    from oflog_metrics
    where metric_code in ('ASC1', 'ASC4')
    union all
    select
        3 as source_priority,
        'nhse_dtoc_la_monthly' as source_dataset_id,
        authority_code,
        period,
        period_end_year,
        '2C(1)' as measure_code,
        'Total' as disaggregation,
        average_delayed_beds_total / population_18_plus * 100000 as value,  -- noqa: RF04
        average_delayed_beds_total as numerator,
        population_18_plus as denominator
    from delayed_transfers
    where average_delayed_beds_total is not null and population_18_plus > 0
    union all
    select
        3 as source_priority,
        'nhse_dtoc_la_monthly' as source_dataset_id,
        authority_code,
        period,
        period_end_year,
        '2C(2)' as measure_code,
        'Total' as disaggregation,
        average_delayed_beds_social_care / population_18_plus * 100000 as value,  -- noqa: RF04
        average_delayed_beds_social_care as numerator,
        population_18_plus as denominator
    from delayed_transfers
    where average_delayed_beds_social_care is not null and population_18_plus > 0
),

ranked as (
    select
        candidates.*,
        row_number() over (
            partition by
                candidates.measure_code, candidates.disaggregation, candidates.authority_code, candidates.period
            order by candidates.source_priority
        ) as preference
    from candidates
    inner join areas on candidates.authority_code = areas.authority_code
    where
        candidates.value is not null
        and candidates.period_end_year <= 2019
),

final as (
    select
        measure_code,
        disaggregation,
        authority_code,
        period,
        period_end_year,
        value,
        numerator,
        denominator,
        source_dataset_id
    from ranked
    where preference = 1
)

select * from final
