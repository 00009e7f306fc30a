{#-
    Children in need census table d5 (DfE, at 31 March 2013-2025): child protection plans open at
    31 March by how long they had lasted, one row per area, year and measure (long; shares 0-100
    as published, measures ending _pct). Plans lasting over one year are cpp_1_to_2_years +
    cpp_2_years_or_more (both often 'c' for small councils). time_period 2025 = 31 March 2025 =
    period '2024-25'.

    - Rows: England (geographic_level 'national', code: var `england_code`) and every local authority
      (GSS code as published in new_la_code, normalised with normalise_authority_code; DfE
      number in old_la_code); regional rows are left out.
    - Markers c, x, z, k, u (low reliability), low (rounds to zero) and blank cells become null
      values, never zero, with is_suppressed = true.
-#}
with

source as (
    select * from {{ source('dfe_cin', 'dfe_cin_census__d5_cpp_duration') }}
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
        cpp_at31,
        col_3_months_or_less,
        col_3_months_or_less_percent,
        more_than_3_months_6_months,
        more_than_3_months_6_months_percent,
        more_than_6_months_less_than_1_year,
        more_than_6_months_less_than_1_year_percent,
        col_1_year_less_than_2_years,
        col_1_year_less_than_2_years_percent,
        col_2_years_or_more,
        col_2_years_or_more_percent,
        _source_file as source_file
    from source
    where lower(trim(geographic_level)) in ('national', 'local authority')
),

measures as (
    select 'cpp_at_31_march' as measure
    union all
    select 'cpp_3_months_or_less' as measure
    union all
    select 'cpp_3_months_or_less_pct' as measure
    union all
    select 'cpp_3_to_6_months' as measure
    union all
    select 'cpp_3_to_6_months_pct' as measure
    union all
    select 'cpp_6_months_to_1_year' as measure
    union all
    select 'cpp_6_months_to_1_year_pct' as measure
    union all
    select 'cpp_1_to_2_years' as measure
    union all
    select 'cpp_1_to_2_years_pct' as measure
    union all
    select 'cpp_2_years_or_more' as measure
    union all
    select 'cpp_2_years_or_more_pct' as measure
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
            when 'cpp_at_31_march' then renamed.cpp_at31
            when 'cpp_3_months_or_less' then renamed.col_3_months_or_less
            when 'cpp_3_months_or_less_pct' then renamed.col_3_months_or_less_percent
            when 'cpp_3_to_6_months' then renamed.more_than_3_months_6_months
            when 'cpp_3_to_6_months_pct' then renamed.more_than_3_months_6_months_percent
            when 'cpp_6_months_to_1_year' then renamed.more_than_6_months_less_than_1_year
            when 'cpp_6_months_to_1_year_pct' then renamed.more_than_6_months_less_than_1_year_percent
            when 'cpp_1_to_2_years' then renamed.col_1_year_less_than_2_years
            when 'cpp_1_to_2_years_pct' then renamed.col_1_year_less_than_2_years_percent
            when 'cpp_2_years_or_more' then renamed.col_2_years_or_more
            when 'cpp_2_years_or_more_pct' then renamed.col_2_years_or_more_percent
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
