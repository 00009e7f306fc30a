{#-
    Population bands of every 2018 upper-tier authority for each mid-year estimate loaded, on 2018
    geography. Where an edition is published on later boundaries (mid-2018: Bournemouth,
    Christchurch and Poole; Dorset; mid-2019: Buckinghamshire; mid-2020: North and West
    Northamptonshire; mid-2022: Cumberland, Westmorland and Furness, North Yorkshire, Somerset) the
    missing 2018 authorities are apportioned from their successors (`int_geography__successor_pieces`,
    mid-2017 shares), age by age, and flagged.
-#}
with

persons as (
    select * from {{ ref('stg_population__mye2_persons') }}
),

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
),

pieces as (
    select * from {{ ref('int_geography__successor_pieces') }}
),

age_shares as (
    select
        pieces.successor_code,
        pieces.predecessor_code,
        persons.age,
        sum(persons.persons) / sum(sum(persons.persons)) over (
            partition by pieces.successor_code, persons.age
        ) as age_share
    from pieces
    inner join persons on pieces.piece_code = persons.area_code and persons.mid_year = 2017
    where pieces.predecessor_code is not null
    group by pieces.successor_code, pieces.predecessor_code, persons.age
),

editions as (
    select distinct mid_year from persons
),

direct as (
    select
        persons.area_code as authority_code,
        persons.mid_year,
        persons.age,
        persons.persons,
        false as is_apportioned
    from persons
    inner join upper_tier on persons.area_code = upper_tier.authority_code
),

missing as (
    select
        upper_tier.authority_code,
        editions.mid_year
    from upper_tier
    cross join editions
    where not exists (
        select 1 from direct
        where direct.authority_code = upper_tier.authority_code and direct.mid_year = editions.mid_year
    )
),

apportioned as (
    select
        missing.authority_code,
        missing.mid_year,
        persons.age,
        sum(persons.persons * age_shares.age_share) as persons,
        true as is_apportioned
    from missing
    inner join age_shares on missing.authority_code = age_shares.predecessor_code
    inner join persons
        on
            age_shares.successor_code = persons.area_code
            and missing.mid_year = persons.mid_year
            and age_shares.age = persons.age
    group by missing.authority_code, missing.mid_year, persons.age
),

by_age as (
    select * from direct
    union all
    select * from apportioned
),

final as (
    select
        authority_code,
        mid_year,
        cast(mid_year as {{ type_varchar() }}) as period,
        mid_year as period_end_year,
        sum(persons) as persons_all_ages,
        sum(case when age <= 17 then persons else 0 end) as persons_0_17,
        sum(case when age between 18 and 64 then persons else 0 end) as persons_18_64,
        sum(case when age >= 65 then persons else 0 end) as persons_65_plus,
        sum(case when age >= 18 then persons else 0 end) as persons_18_plus,
        max(case when is_apportioned then 1 else 0 end) = 1 as is_apportioned
    from by_age
    group by authority_code, mid_year
)

select * from final
