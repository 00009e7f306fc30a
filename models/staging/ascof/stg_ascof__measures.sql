{#- ASCOF open-data CSV (original layout): one row per area, year, measure and disaggregation,
    with the published measure types (Outcome, Numerator, Denominator, Base) side by side. -#}
with

source as (
    select * from {{ source('ascof', 'nhsd_ascof__measures') }}
),

renamed as (
    select
        {{ normalise_authority_code('ons_area_code') }} as authority_code,
        trim(geographical_description) as area_name,
        trim(geographical_level) as geographical_level,
        {{ ascof_measure_code('measure_group') }} as measure_code,
        trim(measure_group_description) as measure_name,
        case
            when trim(disaggregation_level) = '64 and under' then '18-64'
            else trim(disaggregation_level)
        end as disaggregation,
        lower(trim(measure_type)) as measure_type,
        measure_value,
        -- file name as published: meas-from-asc-of-1617-..., -17-18-..., -eng-1819-...
        left(
            replace(replace(substring(_source_file, position('asc-of-' in _source_file) + 7), 'eng-', ''), '-', ''),
            4
        ) as year_digits,
        _source_file as source_file
    from source
    where
        ons_area_code is not null
        and trim(ons_area_code) like 'E%'
        and lower(trim(geographical_level)) <> 'council type'
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
        2000 + cast(substring(year_digits, 3, 2) as integer) as period_end_year,
        {{ parse_number('measure_value') }} as measure_number,
        case when {{ is_suppressed('measure_value') }} then 1 else 0 end as suppressed_flag,
        source_file
    from renamed
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
        max(case when measure_type = 'outcome' then suppressed_flag end) as outcome_suppressed_flag,
        max(source_file) as source_file
    from typed
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
        coalesce(outcome_suppressed_flag, 0) = 1 as is_suppressed,
        source_file
    from pivoted
)

select * from final
