{#-
    Delayed transfers of care per council (2018 upper tier) and England per financial year, from
    the NHS England monthly files: delayed days summed over the 12 months, the average number of
    delayed beds a day (days / days in the year), and the population aged 18+ (ONS mid-year of the
    year the financial year starts in). A council-year with fewer than 12 monthly returns has no
    averages. A month loaded twice (an original and a revised file) counts once: the file whose
    name sorts last wins. {{ doc('health_interface_dtoc_rate') }}
-#}
with

monthly as (
    select * from {{ ref('stg_health_interface__delayed_transfers_monthly') }}
),

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
    union all
    select 'E92000001' as authority_code
),

population as (
    select
        authority_code,
        mid_year,
        persons_18_plus
    from {{ ref('int_population__upper_tier') }}
    union all
    select
        'E92000001' as authority_code,
        mid_year,
        sum(persons_18_plus) as persons_18_plus
    from {{ ref('int_population__upper_tier') }}
    group by mid_year
),

latest_file as (
    select
        monthly.*,
        row_number() over (
            partition by monthly.authority_code, monthly.calendar_year, monthly.month_number
            order by monthly.source_file desc
        ) as file_rank
    from monthly
    inner join upper_tier on monthly.authority_code = upper_tier.authority_code
),

yearly as (
    select
        authority_code,
        period,
        period_end_year,
        count(delayed_days_total) as months_reported,
        sum(days_in_month) as days_in_year,
        sum(delayed_days_total) as delayed_days_total,
        sum(delayed_days_social_care) as delayed_days_social_care,
        count(delayed_days_social_care) as months_with_social_care
    from latest_file
    where file_rank = 1
    group by authority_code, period, period_end_year
),

final as (
    select
        yearly.authority_code,
        yearly.period,
        yearly.period_end_year,
        yearly.months_reported,
        yearly.delayed_days_total,
        yearly.delayed_days_social_care,
        case
            when yearly.months_reported = 12 then yearly.delayed_days_total / yearly.days_in_year
        end as average_delayed_beds_total,
        case
            when yearly.months_with_social_care = 12 then yearly.delayed_days_social_care / yearly.days_in_year
        end as average_delayed_beds_social_care,
        population.persons_18_plus as population_18_plus
    from yearly
    left join population
        on
            yearly.authority_code = population.authority_code
            and yearly.period_end_year - 1 = population.mid_year
)

select * from final
