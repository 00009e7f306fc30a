{#-
    Authorities created after 2018 -> the 2018 upper-tier authorities they were made from, with the
    share of the successor's mid-2017 population that lies in each. A count published for a
    successor is apportioned to 2018 geography as count x population_share (summed over
    successors); a rate is carried over unchanged. Either way the result is flagged apportioned.
-#}
with

pieces as (
    select * from {{ ref('int_geography__successor_pieces') }}
),

population_2017 as (
    select
        area_code,
        sum(persons) as persons
    from {{ ref('stg_population__mye2_persons') }}
    where mid_year = 2017
    group by area_code
),

by_predecessor as (
    select
        pieces.successor_code,
        pieces.successor_name,
        pieces.predecessor_code,
        sum(population_2017.persons) as persons
    from pieces
    inner join population_2017 on pieces.piece_code = population_2017.area_code
    where pieces.predecessor_code is not null
    group by pieces.successor_code, pieces.successor_name, pieces.predecessor_code
),

final as (
    select
        successor_code,
        successor_name,
        predecessor_code,
        persons / sum(persons) over (partition by successor_code) as population_share,
        'mid-2017 population of the 2018 areas it was made from' as basis
    from by_predecessor
)

select * from final
