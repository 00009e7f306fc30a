{#-
    Children's social work workforce indicators (DfE, snapshots at 30 September 2017-2025): one
    row per area, snapshot and indicator (long; the file has one column per indicator, names
    kept). Rates are percentages 0-100 as published; caseload_fte is cases per case-holding FTE.
    time_period 2025 = 30 September 2025: period is the calendar year '2025' (a snapshot, not a
    financial year).

    - Rows: England (geographic_level 'national', code: var `england_code`) and every local authority
      (GSS code as published in new_la_code, normalised with normalise_authority_code; DfE
      number in old_la_code); regional rows are left out.
    - Markers c, x, z, k, u (low reliability), low (rounds to zero) and blank cells become null
      values, never zero, with is_suppressed = true.
-#}
with

source as (
    select * from {{ source('dfe_cin', 'dfe_csww__la_indicators') }}
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
        inpost_fte,
        inpost_headcount,
        starters_fte,
        starters_headcount,
        leavers_fte,
        leavers_headcount,
        turnover_rate_fte,
        turnover_rate_headcount,
        agency_fte,
        agency_headcount,
        agency_rate_fte,
        agency_rate_headcount,
        agency_cover_fte,
        agency_cover_rate_fte,
        vacancy_fte,
        vacancy_rate_fte,
        vacancy_agency_cover_rate_fte,
        case_holders_fte,
        cases,
        caseload_fte,
        working_days_lost_fte,
        absence_rate_fte,
        _source_file as source_file
    from source
    where lower(trim(geographic_level)) in ('national', 'local authority')
),

measures as (
    select 'inpost_fte' as measure
    union all
    select 'inpost_headcount' as measure
    union all
    select 'starters_fte' as measure
    union all
    select 'starters_headcount' as measure
    union all
    select 'leavers_fte' as measure
    union all
    select 'leavers_headcount' as measure
    union all
    select 'turnover_rate_fte' as measure
    union all
    select 'turnover_rate_headcount' as measure
    union all
    select 'agency_fte' as measure
    union all
    select 'agency_headcount' as measure
    union all
    select 'agency_rate_fte' as measure
    union all
    select 'agency_rate_headcount' as measure
    union all
    select 'agency_cover_fte' as measure
    union all
    select 'agency_cover_rate_fte' as measure
    union all
    select 'vacancy_fte' as measure
    union all
    select 'vacancy_rate_fte' as measure
    union all
    select 'vacancy_agency_cover_rate_fte' as measure
    union all
    select 'case_holders_fte' as measure
    union all
    select 'cases' as measure
    union all
    select 'caseload_fte' as measure
    union all
    select 'working_days_lost_fte' as measure
    union all
    select 'absence_rate_fte' as measure
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
            when 'inpost_fte' then renamed.inpost_fte
            when 'inpost_headcount' then renamed.inpost_headcount
            when 'starters_fte' then renamed.starters_fte
            when 'starters_headcount' then renamed.starters_headcount
            when 'leavers_fte' then renamed.leavers_fte
            when 'leavers_headcount' then renamed.leavers_headcount
            when 'turnover_rate_fte' then renamed.turnover_rate_fte
            when 'turnover_rate_headcount' then renamed.turnover_rate_headcount
            when 'agency_fte' then renamed.agency_fte
            when 'agency_headcount' then renamed.agency_headcount
            when 'agency_rate_fte' then renamed.agency_rate_fte
            when 'agency_rate_headcount' then renamed.agency_rate_headcount
            when 'agency_cover_fte' then renamed.agency_cover_fte
            when 'agency_cover_rate_fte' then renamed.agency_cover_rate_fte
            when 'vacancy_fte' then renamed.vacancy_fte
            when 'vacancy_rate_fte' then renamed.vacancy_rate_fte
            when 'vacancy_agency_cover_rate_fte' then renamed.vacancy_agency_cover_rate_fte
            when 'case_holders_fte' then renamed.case_holders_fte
            when 'cases' then renamed.cases
            when 'caseload_fte' then renamed.caseload_fte
            when 'working_days_lost_fte' then renamed.working_days_lost_fte
            when 'absence_rate_fte' then renamed.absence_rate_fte
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
        cast(period_end_year as {{ type_varchar() }}) as period,
        period_end_year,
        measure,
        {{ parse_number('value_text') }} as value,  -- noqa: RF04
        {{ is_suppressed('value_text') }} as is_suppressed,
        source_file
    from unpivoted
)

select * from final
