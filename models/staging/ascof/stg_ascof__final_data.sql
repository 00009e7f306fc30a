{#- Processed ASCOF extract (outcome values only): one row per area, year, measure and disaggregation. -#}
with

source as (
    select * from {{ source('ascof', 'ascof_processed__final_data') }}
),

renamed as (
    select
        {{ normalise_authority_code('ons_code') }} as authority_code,
        trim(geographical_description) as area_name,
        trim(geographical_level) as geographical_level,
        {{ safe_cast('trim(year)', 'integer') }} as period_end_year,
        {{ ascof_measure_code_from_description('measure_group_description') }} as measure_code,
        trim(measure_group_description) as measure_name,
        trim(disaggregation_level) as disaggregation,
        {{ parse_number('measure_value') }} as outcome_value,
        {{ is_suppressed('measure_value') }} as is_suppressed,
        _source_file as source_file
    from source
    where ons_code is not null and trim(ons_code) <> ''
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
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        is_suppressed,
        source_file
    from renamed
)

select * from final
