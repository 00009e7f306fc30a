{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Oflog's nearest-neighbour groups (stg_oflog_asc__nearest_neighbours, current geography) put on
    2018 geography, one row per (council, Oflog neighbour), the council itself left out.
    A code that is a 2018 upper-tier authority stays as it is; a later upper-tier authority
    (Dorset 2019, BCP, Buckinghamshire 2020, the Northamptonshires ...) stands for each 2018
    predecessor holding at least a quarter of its mid-2017 population
    (int_geography__successor_shares). A 2018 council without a list of its own (e.g. Poole)
    takes its successor's list. Empty when NN.json is not loaded.
-#}
with

oflog as (
    select * from {{ ref('stg_oflog_asc__nearest_neighbours') }}
    where not is_self
),

authorities as (
    select * from {{ ref('int_geography__authorities') }}
    where is_ranked
),

successors as (
    select * from {{ ref('int_geography__successor_shares') }}
    where successor_code not like 'E07%' and population_share >= 0.25
),

code_map as (
    select
        authority_code as current_code,
        authority_code
    from authorities
    union
    select
        successors.successor_code as current_code,
        successors.predecessor_code as authority_code
    from successors
    inner join authorities on successors.predecessor_code = authorities.authority_code
),

keys_with_own_list as (
    select distinct oflog.authority_code
    from oflog
    inner join authorities on oflog.authority_code = authorities.authority_code
),

mapped as (
    select distinct
        council_map.authority_code,
        neighbour_map.authority_code as neighbour_code
    from oflog
    inner join code_map as council_map
        on oflog.authority_code = council_map.current_code
    inner join code_map as neighbour_map
        on oflog.neighbour_code = neighbour_map.current_code
    left join keys_with_own_list
        on council_map.authority_code = keys_with_own_list.authority_code
    where
        -- a council with a list of its own uses only that list
        (keys_with_own_list.authority_code is null or oflog.authority_code = council_map.authority_code)
),

final as (
    select
        authority_code,
        neighbour_code
    from mapped
    where authority_code <> neighbour_code
)

select * from final
