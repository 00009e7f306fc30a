{#-
    The eight indicators of the waste_recycling lens, one row per indicator, 2018 upper-tier
    authority (plus England E92000001) and financial year.

    Upper-tier rule for Defra ENV18 (Table_1 and Table_3):
      - unitary rows (E06, E08, E09 and the Dorset Waste Partnership, which reports under Dorset
        County Council's code E10000009) and disposal rows (E10 county councils) as published: a
        disposal authority's figures already cover its whole county, collection authorities
        included, so district (E07) rows are never added to them (no double counting);
      - Somerset Waste Partnership (E50000009, unitary-type from 2017-18) is Somerset County
        Council's area (E10000027) and is mapped to it; Table_3 already publishes it under E10000027;
      - metropolitan and London boroughs inside a joint waste disposal authority (Greater
        Manchester, Merseyside, four London authorities: E50 codes) report as collection
        authorities: their own rows are used (NI193 landfill is not published for them and stays
        missing); the joint authorities' rows are not upper-tier areas and are dropped;
      - other joint collection bodies (Cambridge City and South Cambs, Chiltern with Wycombe) are
        district-level and never used (their counties' disposal rows cover them);
      - authorities that exist only after March 2019 (BCP, Dorset Council, ...) are not 2018
        authorities: their published rates are not apportioned and stay missing.
    England: Table_3 'Total England' for the published indicators; for tonnage-based indicators
    the sum of unitary and disposal rows (the publisher's rule for correct totals).

    Fly-tipping (Defra ENV24) is reported by collection authorities only: unitary, metropolitan and
    London rows as published; county figures are the sums of their shire districts
    (`int_geography__district_to_county`), only when every district of the county reported
    (otherwise missing). Rates are recomputed from the summed counts. England: the published
    England row ('original' series for 2018-19).

    Population: `int_population__upper_tier` (ONS mid-year estimate in the financial year: mid-2016
    for 2016-17), England from `stg_population__mye2_persons`; the fly-tipping file's own
    population column is blank before 2019-20, so it is not used.
-#}
{#- Published ENV18 rates, taken as they are: (indicator id, column of `waste_upper_tier`). -#}
{%- set published = [
    ('wst_household_recycling_pct', 'household_waste_recycled_pct'),
    ('wst_residual_waste_per_household_kg', 'residual_household_waste_kg_per_household'),
    ('wst_municipal_waste_landfilled_pct', 'municipal_waste_landfilled_pct'),
    ('wst_household_waste_per_person_kg', 'household_waste_kg_per_person'),
] -%}
with

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
),

district_to_county as (
    select * from {{ ref('int_geography__district_to_county') }}
),

population as (
    select
        authority_code,
        mid_year + 1 as period_end_year,
        persons_all_ages as population
    from {{ ref('int_population__upper_tier') }}
    union all
    select
        area_code as authority_code,
        mid_year + 1 as period_end_year,
        sum(persons) as population
    from {{ ref('stg_population__mye2_persons') }}
    where area_code = 'E92000001'
    group by area_code, mid_year
),

waste_indicators as (
    select
        case when authority_code = 'E50000009' then 'E10000027' else authority_code end as authority_code,
        authority_type,
        period,
        period_end_year,
        residual_household_waste_kg_per_household,
        household_waste_recycled_pct,
        municipal_waste_landfilled_pct,
        household_waste_kg_per_person
    from {{ ref('stg_waste__waste_indicators') }}
),

waste_upper_tier as (
    select waste_indicators.*
    from waste_indicators
    inner join upper_tier on waste_indicators.authority_code = upper_tier.authority_code
    where
        waste_indicators.authority_type in ('unitary', 'disposal')
        or (
            waste_indicators.authority_type = 'collection'
            and (waste_indicators.authority_code like 'E08%' or waste_indicators.authority_code like 'E09%')
        )
    union all
    select *
    from waste_indicators
    where authority_code = 'E92000001'
),

tonnages as (
    select
        case when authority_code = 'E50000009' then 'E10000027' else authority_code end as authority_code,
        authority_type,
        period,
        period_end_year,
        lacw_total_tonnes,
        household_recycled_tonnes,
        household_rejects_tonnes
    from {{ ref('stg_waste__collected_waste') }}
),

tonnages_upper_tier as (
    select
        tonnages.authority_code,
        tonnages.period,
        tonnages.period_end_year,
        tonnages.lacw_total_tonnes,
        tonnages.household_recycled_tonnes,
        tonnages.household_rejects_tonnes
    from tonnages
    inner join upper_tier on tonnages.authority_code = upper_tier.authority_code
    where
        tonnages.authority_type in ('unitary', 'disposal')
        or (
            tonnages.authority_type = 'collection'
            and (tonnages.authority_code like 'E08%' or tonnages.authority_code like 'E09%')
        )
    union all
    select
        'E92000001' as authority_code,
        period,
        period_end_year,
        sum(lacw_total_tonnes) as lacw_total_tonnes,
        sum(household_recycled_tonnes) as household_recycled_tonnes,
        sum(household_rejects_tonnes) as household_rejects_tonnes
    from tonnages
    where authority_type in ('unitary', 'disposal')
    group by period, period_end_year
),

flytipping as (
    select
        incidents.authority_code,
        incidents.period,
        incidents.period_end_year,
        incidents.total_incidents,
        actions.total_actions
    from {{ ref('stg_flytipping__incidents') }} as incidents
    left join {{ ref('stg_flytipping__actions') }} as actions
        on incidents.authority_code = actions.authority_code and incidents.period = actions.period
),

flytipping_direct as (
    select flytipping.*
    from flytipping
    inner join upper_tier on flytipping.authority_code = upper_tier.authority_code
    union all
    select *
    from flytipping
    where authority_code = 'E92000001'
),

county_districts as (
    select
        county_code,
        count(*) as districts
    from district_to_county
    group by county_code
),

flytipping_county as (
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

flytipping_upper_tier as (
    select * from flytipping_direct
    union all
    select * from flytipping_county
),

indicators as (
    {%- for indicator_id, column in published %}
        select
            '{{ indicator_id }}' as indicator_id,
            authority_code,
            period,
            period_end_year,
            {{ column }} as indicator_value,
            cast(null as {{ type_double() }}) as numerator,
            cast(null as {{ type_double() }}) as denominator
        from waste_upper_tier
        union all
    {%- endfor %}
    select
        'wst_lacw_per_person_kg' as indicator_id,
        tonnages_upper_tier.authority_code,
        tonnages_upper_tier.period,
        tonnages_upper_tier.period_end_year,
        1000 * tonnages_upper_tier.lacw_total_tonnes / population.population as indicator_value,
        1000 * tonnages_upper_tier.lacw_total_tonnes as numerator,
        population.population as denominator
    from tonnages_upper_tier
    inner join population
        on
            tonnages_upper_tier.authority_code = population.authority_code
            and tonnages_upper_tier.period_end_year = population.period_end_year
    where population.population > 0
    union all
    select
        'wst_rejected_recycling_pct' as indicator_id,
        authority_code,
        period,
        period_end_year,
        100 * household_rejects_tonnes / (household_recycled_tonnes + household_rejects_tonnes) as indicator_value,
        household_rejects_tonnes as numerator,
        household_recycled_tonnes + household_rejects_tonnes as denominator
    from tonnages_upper_tier
    where household_rejects_tonnes >= 0 and household_recycled_tonnes + household_rejects_tonnes > 0
    union all
    select
        'wst_flytipping_incidents_per_1000' as indicator_id,
        flytipping_upper_tier.authority_code,
        flytipping_upper_tier.period,
        flytipping_upper_tier.period_end_year,
        1000 * flytipping_upper_tier.total_incidents / population.population as indicator_value,
        flytipping_upper_tier.total_incidents as numerator,
        population.population as denominator
    from flytipping_upper_tier
    inner join population
        on
            flytipping_upper_tier.authority_code = population.authority_code
            and flytipping_upper_tier.period_end_year = population.period_end_year
    where population.population > 0
    union all
    select
        'wst_flytipping_actions_per_incident' as indicator_id,
        authority_code,
        period,
        period_end_year,
        total_actions / total_incidents as indicator_value,
        total_actions as numerator,
        total_incidents as denominator
    from flytipping_upper_tier
    where total_incidents > 0
),

final as (
    select
        indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(indicator_value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        case
            when indicator_id like 'wst_flytipping%' then 'defra_flytipping'
            else 'defra_lacw'
        end as source_dataset_id
    from indicators
    where indicator_value is not null
)

select * from final
