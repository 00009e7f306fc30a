{#-
    The per-head denominator of the waste indicators: resident population (all ages) by 2018
    upper-tier authority and financial year, the ONS mid-year estimate within the financial year
    (mid-2016 for 2016-17, so period_end_year = mid_year + 1), from int_population__upper_tier;
    England from the published England row of stg_population__mye2_persons. Years without a
    loaded estimate have no row, so their per-head rates are missing.
-#}
with

upper_tier_population as (
    select * from {{ ref('int_population__upper_tier') }}
),

mye2_persons as (
    select * from {{ ref('stg_population__mye2_persons') }}
),

final as (
    select
        authority_code,
        mid_year + 1 as period_end_year,
        persons_all_ages as population
    from upper_tier_population
    union all
    select
        area_code as authority_code,
        mid_year + 1 as period_end_year,
        sum(persons) as population
    from mye2_persons
    where area_code = '{{ var("england_code") }}'
    group by area_code, mid_year
)

select * from final
