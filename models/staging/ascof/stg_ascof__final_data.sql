{#- Processed ASCOF extract (outcome values only): one row per area, year, measure and disaggregation.
    The file names measures only by their description. Rows the loader quarantined as repeated in
    one file are left out: exact copies (duplicate authority row) and, for a description given to
    two different measures (ambiguous authority row: in final_data_2020.csv the carers' direct
    payments and self-directed support rows carry the service users' descriptions), every row of
    that description in that file, for every area and disaggregation, since none of them can be
    attributed to one measure. -#}
with

source as (
    select * from {{ source('ascof', 'ascof_processed__final_data') }}
),

quarantine as (
    select * from {{ source('ascof', 'quarantine') }}
),

repeated_rows as (
    select
        source_file,
        row_number as quarantined_row,
        problem
    from quarantine
    where
        raw_table = 'ascof_processed__final_data'
        and (problem like 'duplicate authority row%' or problem like 'ambiguous authority row%')
),

ambiguous_descriptions as (
    select distinct
        source._source_file as source_file,
        trim(source.measure_group_description) as measure_group_description
    from source
    inner join repeated_rows
        on
            source._source_file = repeated_rows.source_file
            and source._row_number = repeated_rows.quarantined_row
    where repeated_rows.problem like 'ambiguous authority row%'
),

kept as (
    select source.*
    from source
    left join repeated_rows
        on
            source._source_file = repeated_rows.source_file
            and source._row_number = repeated_rows.quarantined_row
    left join ambiguous_descriptions
        on
            source._source_file = ambiguous_descriptions.source_file
            and trim(source.measure_group_description) = ambiguous_descriptions.measure_group_description
    where
        repeated_rows.quarantined_row is null
        and ambiguous_descriptions.measure_group_description is null
),

renamed as (
    select
        {{ normalise_authority_code('ons_code') }} as authority_code,
        trim(geographical_description) as area_name,
        trim(geographical_level) as geographical_level,
        {{ cast_or_null('trim(year)', 'integer') }} as period_end_year,
        {{ ascof_measure_code_from_description('measure_group_description') }} as measure_code,
        trim(measure_group_description) as measure_name,
        trim(disaggregation_level) as disaggregation,
        {{ parse_number('measure_value') }} as outcome_value,
        {{ is_suppressed('measure_value') }} as is_suppressed,
        _source_file as source_file
    from kept
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
