{#-
    Children in need census table d3 (DfE, years ending 31 March 2013-2025): child protection plans
    started in the year and those that were a second or subsequent plan, one row per area, year
    and measure (long; cpp_subsequent_pct 0-100 as published). time_period 2025 = year ending
    31 March 2025 = '2024-25'.

    - Rows: England (geographic_level 'national', code: var `england_code`) and every local authority
      (GSS code as published in new_la_code, normalised with normalise_authority_code; DfE
      number in old_la_code); regional rows are left out.
    - Markers c, x, z, k, u (low reliability), low (rounds to zero) and blank cells become null
      values, never zero, with is_suppressed = true.
-#}
with

source as (
    select * from {{ source('dfe_cin', 'dfe_cin_census__d3_cpp_subsequent') }}
),

renamed as (
    select
        case lower(trim(geographic_level))
            when 'national' then {{ normalise_authority_code('country_code') }}
            else {{ normalise_authority_code('new_la_code') }}
        end as authority_code,
        case when lower(trim(geographic_level)) = 'local authority' then trim(old_la_code) end as dfe_code,
        case when lower(trim(geographic_level)) = 'local authority' then trim(la_name) end as authority_name,
        lower(trim(geographic_level)) as geographic_level,
        cast(trim(time_period) as integer) as period_end_year,
        cpp_start,
        cpp_subsequent,
        cpp_subsequent_percent,
        _source_file as source_file
    from source
    where lower(trim(geographic_level)) in ('national', 'local authority')
),

measures as (
    select 'cpp_started' as measure
    union all
    select 'cpp_subsequent' as measure
    union all
    select 'cpp_subsequent_pct' as measure
),

unpivoted as (
    select
        renamed.authority_code,
        renamed.dfe_code,
        renamed.authority_name,
        renamed.geographic_level,
        renamed.period_end_year,
        measures.measure,
        case measures.measure
            when 'cpp_started' then renamed.cpp_start
            when 'cpp_subsequent' then renamed.cpp_subsequent
            when 'cpp_subsequent_pct' then renamed.cpp_subsequent_percent
        end as value_text,
        renamed.source_file
    from renamed
    cross join measures
),

final as (
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        {{ financial_year_label('period_end_year') }} as period,
        period_end_year,
        measure,
        {{ parse_number('value_text') }} as value,  -- noqa: RF04
        {{ is_suppressed('value_text') }} as is_suppressed,
        source_file
    from unpivoted
)

select * from final
