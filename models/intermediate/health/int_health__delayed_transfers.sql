{#-
    Delayed transfers of care per council (2018 upper tier) and England per financial year, from
    the NHS England monthly files (2016-17 and 2017-18 in ../shared/data): delayed days summed over
    the 12 months, the average number of delayed beds a day (days / days in the year), the
    population aged 18+ (ONS mid-year of the year the financial year starts in) and the ASCOF
    2C(1)/2C(2)-style rates per 100,000 adults. A council-year with fewer than 12 monthly returns
    has no averages or rates. Staging holds one row per authority and month (of two files of one
    month, the one whose name sorts last). {{ doc('health_interface_dtoc_rate') }}
-#}
with

monthly as (
    select * from {{ ref('stg_health_interface__delayed_transfers_monthly') }}
),

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
    union all
    select '{{ var("england_code") }}' as authority_code
),

population as (
    select
        authority_code,
        mid_year,
        persons_18_plus
    from {{ ref('int_population__upper_tier') }}
    union all
    select
        '{{ var("england_code") }}' as authority_code,
        mid_year,
        sum(persons_18_plus) as persons_18_plus
    from {{ ref('int_population__upper_tier') }}
    group by mid_year
),

yearly as (
    select
        monthly.authority_code,
        monthly.period,
        monthly.period_end_year,
        count(monthly.delayed_days_total) as months_reported,
        sum(monthly.days_in_month) as days_in_year,
        sum(monthly.delayed_days_total) as delayed_days_total,
        sum(monthly.delayed_days_social_care) as delayed_days_social_care,
        sum(monthly.delayed_days_both) as delayed_days_both,
        count(monthly.delayed_days_social_care) as months_with_social_care,
        count(monthly.delayed_days_both) as months_with_both
    from monthly
    inner join upper_tier on monthly.authority_code = upper_tier.authority_code
    group by monthly.authority_code, monthly.period, monthly.period_end_year
),

averaged as (
    select
        authority_code,
        period,
        period_end_year,
        months_reported,
        delayed_days_total,
        delayed_days_social_care,
        delayed_days_both,
        case
            when months_reported = 12 then delayed_days_total / days_in_year
        end as average_delayed_beds_total,
        case
            when months_with_social_care = 12 then delayed_days_social_care / days_in_year
        end as average_delayed_beds_social_care,
        case
            when months_with_both = 12 then delayed_days_both / days_in_year
        end as average_delayed_beds_both
    from yearly
),

final as (
    select
        averaged.authority_code,
        averaged.period,
        averaged.period_end_year,
        averaged.months_reported,
        averaged.delayed_days_total,
        averaged.delayed_days_social_care,
        averaged.delayed_days_both,
        averaged.average_delayed_beds_total,
        averaged.average_delayed_beds_social_care,
        averaged.average_delayed_beds_both,
        population.persons_18_plus as population_18_plus,
        case
            when population.persons_18_plus > 0
                then averaged.average_delayed_beds_total / population.persons_18_plus * 100000
        end as delayed_beds_per_100k_total,
        case
            when population.persons_18_plus > 0
                then averaged.average_delayed_beds_social_care / population.persons_18_plus * 100000
        end as delayed_beds_per_100k_social_care
    from averaged
    left join population
        on
            averaged.authority_code = population.authority_code
            and averaged.period_end_year - 1 = population.mid_year
)

select * from final
