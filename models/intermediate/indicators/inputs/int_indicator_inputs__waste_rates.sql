{#-
    Defra ENV18 published waste rates (Table 3: NI191 residual waste per household, NI192
    recycling share, NI193 landfill share, BVPI 84a household waste per person) on 2018 upper-tier
    geography and England, one row per authority and financial year. Upper-tier rule:
      - unitary rows (E06, E08, E09 and the Dorset Waste Partnership, which reports under Dorset
        County Council's code E10000009) and disposal rows (E10 county councils) as published: a
        disposal authority's figures already cover its whole county, collection authorities
        included, so district (E07) rows are never added to them (no double counting);
      - Somerset Waste Partnership (E50000009, unitary-type from 2017-18) is Somerset County
        Council's area (E10000027) and is mapped to it;
      - metropolitan and London boroughs inside a joint waste disposal authority (Greater
        Manchester, Merseyside, four London authorities: E50 codes) report as collection
        authorities: their own rows are used (NI193 is not published for them and stays missing);
        the joint authorities' rows are not upper-tier areas and are dropped;
      - other joint collection bodies (Cambridge City and South Cambs, Chiltern with Wycombe) are
        district-level and never used; authorities that exist only after March 2019 (BCP, Dorset
        Council ...) are not 2018 authorities: their rates are not apportioned and stay missing.
    England: the published 'Total England' row.
-#}
with

waste_indicators as (
    select * from {{ ref('stg_waste__waste_indicators') }}
),

upper_tier as (
    select * from {{ ref('int_geography__upper_tier_2018') }}
),

recoded as (
    select
        case when authority_code = 'E50000009' then 'E10000027' else authority_code end as authority_code,
        authority_type,
        period,
        period_end_year,
        residual_household_waste_kg_per_household,
        household_waste_recycled_pct,
        municipal_waste_landfilled_pct,
        household_waste_kg_per_person
    from waste_indicators
),

upper_tier_rows as (
    select recoded.*
    from recoded
    inner join upper_tier on recoded.authority_code = upper_tier.authority_code
    where
        recoded.authority_type in ('unitary', 'disposal')
        or (
            recoded.authority_type = 'collection'
            and (recoded.authority_code like 'E08%' or recoded.authority_code like 'E09%')
        )
),

england as (
    select *
    from recoded
    where authority_code = '{{ var("england_code") }}'
),

final as (
    {%- for part in ['upper_tier_rows', 'england'] %}
        select
            authority_code,
            authority_type,
            period,
            period_end_year,
            residual_household_waste_kg_per_household,
            household_waste_recycled_pct,
            municipal_waste_landfilled_pct,
            household_waste_kg_per_person
        from {{ part }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from final
