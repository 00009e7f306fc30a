{#-
    Children in need census table c4 (DfE, years ending 31 March 2013-2025): section 47 enquiries
    and initial child protection conferences (ICPCs), ICPCs by working days from the start of the
    enquiry, and the quartiles of those days, one row per area, year and measure (long).
    time_period 2025 = year ending 31 March 2025 = '2024-25'.

    - Rows: England (geographic_level 'national', code: var `england_code`) and every local authority
      (GSS code as published in new_la_code, normalised with normalise_authority_code; DfE
      number in old_la_code); regional rows are left out.
    - Markers c, x, z, k, u (low reliability), low (rounds to zero) and blank cells become null
      values, never zero, with is_suppressed = true.
-#}
with

source as (
    select * from {{ source('dfe_cin', 'dfe_cin_census__c4_section_47_icpc') }}
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
        section47,
        section47_child,
        icpc,
        icpc_child,
        duration_0_10_days,
        duration_11_15_days,
        duration_16_20_days,
        duration_21_days,
        duration_25th_percentile,
        duration_median,
        duration_75th_percentile,
        _source_file as source_file
    from source
    where lower(trim(geographic_level)) in ('national', 'local authority')
),

measures as (
    select 'section_47_enquiries' as measure
    union all
    select 'children_section_47' as measure
    union all
    select 'icpcs' as measure
    union all
    select 'children_icpc' as measure
    union all
    select 'icpcs_0_10_days' as measure
    union all
    select 'icpcs_11_15_days' as measure
    union all
    select 'icpcs_16_20_days' as measure
    union all
    select 'icpcs_21_days_or_more' as measure
    union all
    select 'icpc_days_25th_percentile' as measure
    union all
    select 'icpc_days_median' as measure
    union all
    select 'icpc_days_75th_percentile' as measure
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
            when 'section_47_enquiries' then renamed.section47
            when 'children_section_47' then renamed.section47_child
            when 'icpcs' then renamed.icpc
            when 'children_icpc' then renamed.icpc_child
            when 'icpcs_0_10_days' then renamed.duration_0_10_days
            when 'icpcs_11_15_days' then renamed.duration_11_15_days
            when 'icpcs_16_20_days' then renamed.duration_16_20_days
            when 'icpcs_21_days_or_more' then renamed.duration_21_days
            when 'icpc_days_25th_percentile' then renamed.duration_25th_percentile
            when 'icpc_days_median' then renamed.duration_median
            when 'icpc_days_75th_percentile' then renamed.duration_75th_percentile
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
