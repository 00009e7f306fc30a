{#- NHS Digital ASCOF open data (the publisher's own long layout, CSV and xlsx releases): one row per
    area, ASCOF year, measure and disaggregation, with the published measure types (Outcome,
    Numerator, Denominator, Base, Margin Of Error) side by side.
    Overlapping releases: when two files hold the same area, year, measure and disaggregation (a
    re-issued `_v2` beside the first issue, or a CSV and its xlsx copy), only the later release's
    rows are kept: the higher release number in the file name, then the later file name.
    Rows the loader quarantined as repeated in one file (raw.quarantine: duplicate or ambiguous
    authority row) are left out. -#}
with

source as (
    select * from {{ source('ascof', 'nhsd_ascof__measures') }}
),

source_xlsx as (
    select * from {{ source('ascof', 'nhsd_ascof__measures_xlsx') }}
),

quarantine as (
    select * from {{ source('ascof', 'quarantine') }}
),

stacked as (
    select
        ons_code,
        geographical_description,
        geographical_level,
        measure_group,
        measure_group_description,
        disaggregation_level,
        measure_type,
        measure_value,
        _source_file,
        _row_number
    from source
    union all
    select
        ons_code,
        geographical_description,
        geographical_level,
        measure_group,
        measure_group_description,
        disaggregation_level,
        measure_type,
        measure_value,
        _source_file,
        _row_number
    from source_xlsx
),

repeated_rows as (
    select
        source_file,
        row_number as quarantined_row
    from quarantine
    where
        raw_table in ('nhsd_ascof__measures', 'nhsd_ascof__measures_xlsx')
        and (problem like 'duplicate authority row%' or problem like 'ambiguous authority row%')
),

renamed as (
    select
        {{ normalise_authority_code('stacked.ons_code') }} as authority_code,
        trim(stacked.geographical_description) as area_name,
        trim(stacked.geographical_level) as geographical_level,
        {{ ascof_measure_code('stacked.measure_group') }} as measure_code,
        trim(stacked.measure_group_description) as measure_name,
        case
            when trim(stacked.disaggregation_level) = '64 and under' then '18-64'
            else trim(stacked.disaggregation_level)
        end as disaggregation,
        lower(trim(stacked.measure_type)) as measure_type,
        stacked.measure_value,
        {{ ascof_year_end_from_file_name('stacked._source_file') }} as period_end_year,
        {{ ascof_release_version('stacked._source_file') }} as release_version,
        stacked._source_file as source_file
    from stacked
    left join repeated_rows
        on
            stacked._source_file = repeated_rows.source_file
            and stacked._row_number = repeated_rows.quarantined_row
    where
        repeated_rows.quarantined_row is null
        and trim(stacked.ons_code) like 'E%'
        and lower(coalesce(trim(stacked.geographical_level), '')) <> 'council type'
),

typed as (
    select
        authority_code,
        area_name,
        geographical_level,
        measure_code,
        measure_name,
        disaggregation,
        measure_type,
        period_end_year,
        release_version,
        {{ parse_number('measure_value') }} as measure_number,
        case when {{ is_suppressed('measure_value') }} then 1 else 0 end as suppressed_flag,
        source_file
    from renamed
),

ranked as (
    select
        typed.*,
        dense_rank() over (
            partition by typed.authority_code, typed.period_end_year, typed.measure_code, typed.disaggregation
            order by typed.release_version desc, typed.source_file desc
        ) as release_rank
    from typed
),

pivoted as (
    select
        authority_code,
        period_end_year,
        measure_code,
        disaggregation,
        max(area_name) as area_name,
        max(geographical_level) as geographical_level,
        max(measure_name) as measure_name,
        max(case when measure_type = 'outcome' then measure_number end) as outcome_value,
        max(case when measure_type = 'numerator' then measure_number end) as numerator,
        max(case when measure_type = 'denominator' then measure_number end) as denominator,
        max(case when measure_type = 'base' then measure_number end) as survey_base,
        max(case when measure_type = 'margin of error' then measure_number end) as margin_of_error,
        max(case when measure_type = 'outcome' then suppressed_flag end) as outcome_suppressed_flag,
        max(source_file) as source_file
    from ranked
    where release_rank = 1
    group by authority_code, period_end_year, measure_code, disaggregation
),

final as (
    select
        authority_code,
        area_name,
        geographical_level,
        {{ financial_year_label('period_end_year') }} as period,
        period_end_year,
        measure_code,
        measure_name,
        {{ ascof_measure_unit('measure_code') }} as measure_unit,
        disaggregation,
        outcome_value,
        numerator,
        denominator,
        survey_base,
        margin_of_error,
        coalesce(outcome_suppressed_flag, 0) = 1 as is_suppressed,
        source_file
    from pivoted
)

select * from final
