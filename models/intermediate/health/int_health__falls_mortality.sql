{#-
    ONS accidental falls mortality (Nomis export, names only, April 2021 geography) with codes:
    one row per published area name and calendar year, the age-standardised rate and the number
    of deaths side by side, the authority the name was matched to on 2021 geography, and the 2018
    upper-tier authority its values belong to (null when none: see match_status).
    {{ doc('health_interface_name_matching') }}
-#}
{%- set geography_date = '2021-04-01' -%}
with

death_rate as (
    select * from {{ ref('stg_health_interface__falls_death_rate') }}
),

deaths as (
    select * from {{ ref('stg_health_interface__falls_deaths') }}
),

names as (
    select * from {{ ref('int_geography__authority_names') }}
),

published as (
    select
        coalesce(death_rate.area_name, deaths.area_name) as area_name,
        coalesce(death_rate.name_key, deaths.name_key) as name_key,
        coalesce(death_rate.period, deaths.period) as period,
        coalesce(death_rate.period_end_year, deaths.period_end_year) as period_end_year,
        death_rate.death_rate,
        deaths.deaths,
        coalesce(death_rate.is_suppressed, true) as is_rate_suppressed,
        coalesce(death_rate.source_file, deaths.source_file) as source_file
    from death_rate
    full outer join deaths
        on death_rate.name_key = deaths.name_key and death_rate.period = deaths.period
),

candidates as (
    select
        name_key,
        authority_code,
        upper_tier_2018_code,
        mapping_rule
    from names
    where
        nation = 'England'
        and local_authority_type in ('CTY', 'UA', 'MD', 'LBO', 'CC')
        and (start_date is null or start_date <= cast('{{ geography_date }}' as date))
        and (end_date is null or end_date >= cast('{{ geography_date }}' as date))
),

resolved as (
    select
        name_key,
        count(distinct authority_code) as n_candidates,
        min(authority_code) as authority_code_2021,
        min(upper_tier_2018_code) as upper_tier_2018_code,
        min(mapping_rule) as mapping_rule
    from candidates
    group by name_key
),

final as (
    select
        published.area_name,
        published.name_key,
        published.period,
        published.period_end_year,
        published.death_rate,
        published.deaths,
        published.is_rate_suppressed,
        case when resolved.n_candidates = 1 then resolved.authority_code_2021 end as authority_code_2021,
        case when resolved.n_candidates = 1 then resolved.upper_tier_2018_code end as authority_code,
        case
            when resolved.n_candidates is null then 'no_english_match'
            when resolved.n_candidates > 1 then 'ambiguous'
            when resolved.mapping_rule = 'same_authority' then 'matched'
            when resolved.mapping_rule = 'same_boundary_successor' then 'matched_same_boundary'
            else 'later_boundary_unmatched'
        end as match_status,
        published.source_file
    from published
    left join resolved on published.name_key = resolved.name_key
)

select * from final
