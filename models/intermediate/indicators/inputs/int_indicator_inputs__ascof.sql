{#-
    ASCOF measure values for the indicator models: one row per measure code, disaggregation, area
    (int_indicator_inputs__areas) and ASCOF year ending by March 2019 (the last edition's data
    year), from the first of these sources with a value:
      1. nhsd_ascof       stg_ascof__measures: NHS Digital open data (CSV and xlsx releases), with
                          numerator and denominator;
      2. ascof_processed  stg_ascof__final_data: the processed extract, values only.
    ASCOF is published per council with adult social services responsibilities (the upper tier),
    so nothing is summed; later-boundary codes (BCP ...) occur only after 2018-19. Suppressed or
    missing values give no row. An indicator model takes its measure code and disaggregation from
    here; where an Oflog metric is the same measure, the indicator model adds it for the years
    ASCOF lacks.
-#}
with

ascof_measures as (
    select * from {{ ref('stg_ascof__measures') }}
),

ascof_final_data as (
    select * from {{ ref('stg_ascof__final_data') }}
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
