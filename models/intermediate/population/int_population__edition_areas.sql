{#-
    Population bands of every authority of any edition's geography (int_geography__edition_area_map),
    for each mid-year estimate loaded, on that authority's own boundaries: the published figure where
    the year's MYE2 sheet lists the authority (mid-2019 on: Bournemouth, Christchurch and Poole ...),
    else the sum over the 2018 authorities it is made of (int_population__upper_tier) x their
    base_share (flagged `is_apportioned` when a 2018 authority is split or was itself apportioned).
    One row per authority_code and mid_year.
-#}
with

persons as (
    select * from {{ ref('stg_population__mye2_persons') }}
),

upper_tier_population as (
    select * from {{ ref('int_population__upper_tier') }}
),

area_map as (
    select distinct
        base_code,
        authority_code,
        base_share
    from {{ ref('int_geography__edition_area_map') }}
),

areas as (
    select distinct authority_code from area_map
),

published as (
    select
        persons.area_code as authority_code,
        persons.mid_year,
        sum(persons.persons) as persons_all_ages,
        sum(case when persons.age <= 17 then persons.persons else 0 end) as persons_0_17,
        sum(case when persons.age between 18 and 64 then persons.persons else 0 end) as persons_18_64,
        sum(case when persons.age >= 65 then persons.persons else 0 end) as persons_65_plus,
        sum(case when persons.age >= 18 then persons.persons else 0 end) as persons_18_plus,
        false as is_apportioned
    from persons
    inner join areas on persons.area_code = areas.authority_code
    group by persons.area_code, persons.mid_year
),

mapped as (
    select
        area_map.authority_code,
        upper_tier_population.mid_year,
        sum(upper_tier_population.persons_all_ages * area_map.base_share) as persons_all_ages,
        sum(upper_tier_population.persons_0_17 * area_map.base_share) as persons_0_17,
        sum(upper_tier_population.persons_18_64 * area_map.base_share) as persons_18_64,
        sum(upper_tier_population.persons_65_plus * area_map.base_share) as persons_65_plus,
        sum(upper_tier_population.persons_18_plus * area_map.base_share) as persons_18_plus,
        max(
            case when upper_tier_population.is_apportioned or area_map.base_share < 0.999999 then 1 else 0 end
        ) = 1 as is_apportioned
    from area_map
    inner join upper_tier_population on area_map.base_code = upper_tier_population.authority_code
    group by area_map.authority_code, upper_tier_population.mid_year
),

final as (
    select
        published.authority_code,
        cast(published.mid_year as integer) as mid_year,
        cast(published.persons_all_ages as {{ type_double() }}) as persons_all_ages,
        cast(published.persons_0_17 as {{ type_double() }}) as persons_0_17,
        cast(published.persons_18_64 as {{ type_double() }}) as persons_18_64,
        cast(published.persons_65_plus as {{ type_double() }}) as persons_65_plus,
        cast(published.persons_18_plus as {{ type_double() }}) as persons_18_plus,
        published.is_apportioned,
        'published' as population_basis
    from published
    union all
    select
        mapped.authority_code,
        cast(mapped.mid_year as integer) as mid_year,
        cast(mapped.persons_all_ages as {{ type_double() }}) as persons_all_ages,
        cast(mapped.persons_0_17 as {{ type_double() }}) as persons_0_17,
        cast(mapped.persons_18_64 as {{ type_double() }}) as persons_18_64,
        cast(mapped.persons_65_plus as {{ type_double() }}) as persons_65_plus,
        cast(mapped.persons_18_plus as {{ type_double() }}) as persons_18_plus,
        mapped.is_apportioned,
        'mapped from 2018 geography' as population_basis
    from mapped
    where not exists (
        select 1 from published
        where published.authority_code = mapped.authority_code and published.mid_year = mapped.mid_year
    )
)

select * from final
