{#-
    How many ranked councils have a value for each indicator in each edition, and which period the
    edition uses: one row per edition and catalogue indicator, including indicators with no data
    at all (period null, councils_with_value 0), so gaps are visible rather than silent.
-#}
with

editions as (
    select * from {{ ref('editions') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

indicator_values as (
    select * from {{ ref('fct_indicator_values') }}
),

ranked_count as (
    select cast(count(*) as bigint) as ranked_councils
    from {{ ref('dim_authority') }}
    where is_ranked
),

per_indicator as (
    select
        edition,
        indicator_id,
        min(period) as period,
        min(period_end_year) as period_end_year,
        cast(sum(case when is_ranked then 1 else 0 end) as bigint) as councils_with_value,
        cast(count(*) as bigint) as authorities_with_value
    from indicator_values
    group by edition, indicator_id
),

final as (
    select
        editions.edition,
        indicators.indicator_id,
        indicators.lens_id,
        indicators.source_dataset_id,
        per_indicator.period,
        per_indicator.period_end_year,
        coalesce(per_indicator.councils_with_value, 0) as councils_with_value,
        coalesce(per_indicator.authorities_with_value, 0) as authorities_with_value,
        ranked_count.ranked_councils,
        cast(
            100.0
            * coalesce(per_indicator.councils_with_value, 0)
            / ranked_count.ranked_councils as {{ index_double() }}
        )
            as coverage_pct,
        coalesce(per_indicator.councils_with_value, 0)
        < {{ var('coverage_warning_share', 0.9) }} * ranked_count.ranked_councils as is_below_coverage_threshold
    from editions
    cross join indicators
    cross join ranked_count
    left join per_indicator
        on
            editions.edition = per_indicator.edition
            and indicators.indicator_id = per_indicator.indicator_id
)

select * from final
