{#-
    MHCLG revenue account lines (RA budget, RS outturn summary, RO detail) on 2018 upper-tier
    geography: one row per authority_code, period, return_type and line_code.

    Every reporting body is identified by its E-code through the la_lookup table (this resolves
    RA 2016-17, which has no ONS codes, and North Yorkshire's wrong code in RS 2017-18); the
    published ONS code is the fallback. Then:
      - a 2018 upper-tier authority's own return gives `own_value_gbp_k`;
      - shire districts (E07, class SD) are summed to their county (int_geography__district_to_county)
        in `district_value_gbp_k`;
      - a later-boundary body (BCP, Dorset 2019 ...) is apportioned to its 2018 predecessors by
        int_geography__successor_shares and flagged `is_apportioned` (an E07 successor counts as
        a district part, any other as the upper tier's own part).
    `area_value_gbp_k` = own + districts, the whole two-tier area's spend; null when any part is
    null (missing stays missing).
-#}
with

lines as (
    select * from {{ ref('stg_la_finance__revenue_account_budget') }}
    union all
    select * from {{ ref('stg_la_finance__revenue_outturn_summary') }}
    union all
    select * from {{ ref('stg_la_finance__revenue_outturn_detail') }}
),

ecodes as (
    select
        ecode,
        max(authority_code) as authority_code
    from {{ ref('stg_la_lookup__authorities') }}
    where ecode is not null
    group by ecode
),

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
),

district_to_county as (
    select * from {{ ref('int_geography__district_to_county') }}
),

successor_shares as (
    select * from {{ ref('int_geography__successor_shares') }}
),

districts_per_county as (
    select
        county_code,
        count(*) as n_districts
    from district_to_county
    group by county_code
),

resolved as (
    select
        coalesce(ecodes.authority_code, lines.authority_code) as reporting_code,
        lines.ecode,
        lines.period,
        lines.period_end_year,
        lines.return_type,
        lines.line_code,
        lines.line_label,
        lines.value_gbp_k,
        lines.is_suppressed,
        lines.source_file
    from lines
    left join ecodes on lines.ecode = ecodes.ecode
),

parts as (
    -- the upper tier's own return
    select
        upper_tier.authority_code,
        resolved.period,
        resolved.period_end_year,
        resolved.return_type,
        resolved.line_code,
        resolved.line_label,
        'own' as part,
        resolved.value_gbp_k,
        resolved.is_suppressed,
        false as is_apportioned,
        resolved.source_file
    from resolved
    inner join upper_tier on resolved.reporting_code = upper_tier.authority_code

    union all

    -- a 2017-19 shire district, summed to its county
    select
        district_to_county.county_code as authority_code,
        resolved.period,
        resolved.period_end_year,
        resolved.return_type,
        resolved.line_code,
        resolved.line_label,
        'district' as part,
        resolved.value_gbp_k,
        resolved.is_suppressed,
        false as is_apportioned,
        resolved.source_file
    from resolved
    inner join district_to_county on resolved.reporting_code = district_to_county.district_code

    union all

    -- a later-boundary body, apportioned to its 2018 predecessors
    select
        successor_shares.predecessor_code as authority_code,
        resolved.period,
        resolved.period_end_year,
        resolved.return_type,
        resolved.line_code,
        resolved.line_label,
        case when resolved.reporting_code like 'E07%' then 'district' else 'own' end as part,
        resolved.value_gbp_k * successor_shares.population_share as value_gbp_k,
        resolved.is_suppressed,
        true as is_apportioned,
        resolved.source_file
    from resolved
    inner join successor_shares on resolved.reporting_code = successor_shares.successor_code
    where resolved.reporting_code not in (select upper_tier.authority_code from upper_tier)
),

aggregated as (
    select
        authority_code,
        period,
        period_end_year,
        return_type,
        line_code,
        max(line_label) as line_label,
        sum(case when part = 'own' then 1 else 0 end) as n_own_parts,
        sum(case when part = 'own' and value_gbp_k is not null then 1 else 0 end) as n_own_values,
        sum(case when part = 'own' then value_gbp_k end) as own_value_gbp_k,
        sum(case when part = 'district' then 1 else 0 end) as n_district_parts,
        sum(case when part = 'district' and value_gbp_k is not null then 1 else 0 end) as n_district_values,
        sum(case when part = 'district' then value_gbp_k end) as district_value_gbp_k,
        max(case when is_suppressed then 1 else 0 end) = 1 as has_suppressed_part,
        max(case when is_apportioned then 1 else 0 end) = 1 as is_apportioned,
        min(source_file) as source_file
    from parts
    group by authority_code, period, period_end_year, return_type, line_code
),

final as (
    select
        aggregated.authority_code,
        aggregated.period,
        aggregated.period_end_year,
        aggregated.return_type,
        aggregated.line_code,
        aggregated.line_label,
        case
            when aggregated.n_own_parts > 0 and aggregated.n_own_values = aggregated.n_own_parts
                then aggregated.own_value_gbp_k
        end as own_value_gbp_k,
        case
            when aggregated.n_district_parts > 0 and aggregated.n_district_values = aggregated.n_district_parts
                then aggregated.district_value_gbp_k
        end as district_value_gbp_k,
        case
            -- a county whose districts did not report this return (roall.csv) has no area total
            when coalesce(districts_per_county.n_districts, 0) > 0 and aggregated.n_district_parts = 0 then null
            when
                aggregated.n_own_parts > 0
                and aggregated.n_own_values = aggregated.n_own_parts
                and aggregated.n_district_values = aggregated.n_district_parts
                then aggregated.own_value_gbp_k + coalesce(aggregated.district_value_gbp_k, 0)
        end as area_value_gbp_k,
        cast(aggregated.n_district_parts as integer) as n_district_returns,
        aggregated.has_suppressed_part,
        aggregated.is_apportioned,
        aggregated.source_file
    from aggregated
    left join districts_per_county on aggregated.authority_code = districts_per_county.county_code
)

select * from final
