{#-
    Children in need census table c1 (DfE, years ending 31 March 2013-2025): referrals and
    re-referrals within 12 months of a previous referral, referrals with no further action and
    assessed as not in need, one row per area, year and measure (long; percentages 0-100 as
    published, measures ending _pct). time_period 2025 = year ending 31 March 2025 = '2024-25'.

    - Rows: England (geographic_level 'national', code: var `england_code`) and every local authority
      (GSS code as published in new_la_code, normalised with normalise_authority_code; DfE
      number in old_la_code); regional rows are left out.
    - Markers c, x, z, k, u (low reliability), low (rounds to zero) and blank cells become null
      values, never zero, with is_suppressed = true.
-#}
with

source as (
    select * from {{ source('dfe_cin', 'dfe_cin_census__c1_referrals') }}
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
        referral_count,
        rereferral_count,
        rereferral_percent,
        no_further_action_count,
        no_further_action_percent,
        not_in_need_count,
        not_in_need_percent,
        referral_child_count,
        rereferral_child_count,
        rereferral_child_percent,
        _source_file as source_file
    from source
    where lower(trim(geographic_level)) in ('national', 'local authority')
),

measures as (
    select 'referrals' as measure
    union all
    select 'rereferrals' as measure
    union all
    select 'rereferrals_pct' as measure
    union all
    select 'referrals_no_further_action' as measure
    union all
    select 'referrals_no_further_action_pct' as measure
    union all
    select 'referrals_not_in_need' as measure
    union all
    select 'referrals_not_in_need_pct' as measure
    union all
    select 'children_referred' as measure
    union all
    select 'children_rereferred' as measure
    union all
    select 'children_rereferred_pct' as measure
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
            when 'referrals' then renamed.referral_count
            when 'rereferrals' then renamed.rereferral_count
            when 'rereferrals_pct' then renamed.rereferral_percent
            when 'referrals_no_further_action' then renamed.no_further_action_count
            when 'referrals_no_further_action_pct' then renamed.no_further_action_percent
            when 'referrals_not_in_need' then renamed.not_in_need_count
            when 'referrals_not_in_need_pct' then renamed.not_in_need_percent
            when 'children_referred' then renamed.referral_child_count
            when 'children_rereferred' then renamed.rereferral_child_count
            when 'children_rereferred_pct' then renamed.rereferral_child_percent
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
