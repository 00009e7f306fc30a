{#-
    Fly-tipping incidents and enforcement actions (Defra ENV24) on 2018 upper-tier geography and
    England, one row per authority and financial year. Fly-tipping is reported by collection
    authorities only: unitary, metropolitan and London rows as published; a county's figures are
    the sums over its shire districts (int_geography__district_to_county), only when every
    district of the county reported (otherwise missing); England is the published England row.
    Rates are computed by the indicator models from these counts, never averaged.
-#}
with

incidents as (
    select * from {{ ref('stg_flytipping__incidents') }}
),

actions as (
    select * from {{ ref('stg_flytipping__actions') }}
),

upper_tier as (
    select * from {{ ref('int_geography__upper_tier_2018') }}
),

district_to_county as (
    select * from {{ ref('int_geography__district_to_county') }}
),

flytipping as (
    select
        incidents.authority_code,
        incidents.period,
        incidents.period_end_year,
        incidents.total_incidents,
        actions.total_actions
    from incidents
    left join actions
        on incidents.authority_code = actions.authority_code and incidents.period = actions.period
),

direct as (
    select flytipping.*
    from flytipping
    inner join upper_tier on flytipping.authority_code = upper_tier.authority_code
    union all
    select *
    from flytipping
    where authority_code = '{{ var("england_code") }}'
),

county_districts as (
    select
        county_code,
        count(*) as districts
    from district_to_county
    group by county_code
),

county_sums as (
    select
        district_to_county.county_code as authority_code,
        flytipping.period,
        flytipping.period_end_year,
        case
            when count(flytipping.total_incidents) = max(county_districts.districts)
                then sum(flytipping.total_incidents)
        end as total_incidents,
        case
            when count(flytipping.total_actions) = max(county_districts.districts)
                then sum(flytipping.total_actions)
        end as total_actions
    from flytipping
    inner join district_to_county on flytipping.authority_code = district_to_county.district_code
    inner join county_districts on district_to_county.county_code = county_districts.county_code
    group by district_to_county.county_code, flytipping.period, flytipping.period_end_year
),

final as (
    select
        authority_code,
        period,
        period_end_year,
        total_incidents,
        total_actions
    from direct
    union all
    select
        authority_code,
        period,
        period_end_year,
        total_incidents,
        total_actions
    from county_sums
)

select * from final
