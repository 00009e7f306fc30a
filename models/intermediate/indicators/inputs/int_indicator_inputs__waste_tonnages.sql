{#-
    Defra ENV18 Table 1 tonnages (local authority collected waste, household waste sent for
    recycling, estimated household rejects) on 2018 upper-tier geography and England, one row per
    authority and financial year, by the upper-tier rule of int_indicator_inputs__waste_rates
    (unitary and disposal rows as published, Somerset Waste Partnership E50000009 as Somerset
    E10000027, metropolitan and London boroughs of joint disposal authorities by their own
    collection rows). England: the sum of the unitary and disposal rows (the publisher's rule for
    correct totals: collection rows would count tonnages twice).
-#}
with

collected_waste as (
    select * from {{ ref('stg_waste__collected_waste') }}
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
        lacw_total_tonnes,
        household_recycled_tonnes,
        household_rejects_tonnes
    from collected_waste
),

final as (
    select
        recoded.authority_code,
        recoded.period,
        recoded.period_end_year,
        recoded.lacw_total_tonnes,
        recoded.household_recycled_tonnes,
        recoded.household_rejects_tonnes
    from recoded
    inner join upper_tier on recoded.authority_code = upper_tier.authority_code
    where
        recoded.authority_type in ('unitary', 'disposal')
        or (
            recoded.authority_type = 'collection'
            and (recoded.authority_code like 'E08%' or recoded.authority_code like 'E09%')
        )
    union all
    select
        '{{ var("england_code") }}' as authority_code,
        period,
        period_end_year,
        sum(lacw_total_tonnes) as lacw_total_tonnes,
        sum(household_recycled_tonnes) as household_recycled_tonnes,
        sum(household_rejects_tonnes) as household_rejects_tonnes
    from recoded
    where authority_type in ('unitary', 'disposal')
    group by period, period_end_year
)

select * from final
