{#-
    Step 7: financial grip of the councils by overall rank. Per edition, the outturn year of the
    edition (seed editions.outturn_financial_year) and service 'total' of fct_financial_grip
    (variance_pct = (outturn - budget) / budget x 100, positive = overspend), four cohorts of
    councils ranked overall: 'top_10' (overall_rank <= 10), 'most_improved' (is_most_improved),
    'worst_30' (the 30 highest overall ranks; ties at the cut-off are all kept) and 'all'.
    correlation_with_rank: Pearson correlation of variance_pct with overall_rank over the cohort.
    top5_overspenders_in_worst30: of the 5 councils ranked overall with the largest variance_pct
    (ties broken by authority_code), how many are in the worst 30 (same value on every row of
    the edition). A cohort with no members still has a row (councils 0, statistics null).
-#}
with

editions as (
    select * from {{ ref('editions') }}
),

overall as (
    select * from {{ ref('fct_overall_productivity') }}
    where is_ranked_overall
),

rank_changes as (
    select * from {{ ref('fct_rank_changes') }}
    where lens_id = 'overall'
),

grip as (
    select * from {{ ref('fct_financial_grip') }}
    where service = 'total'
),

cohort_names as (
    select
        'top_10' as cohort,
        1 as cohort_order
    union all
    select
        'most_improved' as cohort,
        2 as cohort_order
    union all
    select
        'worst_30' as cohort,
        3 as cohort_order
    union all
    select
        'all' as cohort,
        4 as cohort_order
),

councils as (
    select
        overall.edition,
        editions.outturn_financial_year as financial_year,
        overall.authority_code,
        overall.overall_rank,
        grip.variance_pct,
        coalesce(rank_changes.is_most_improved, false) as is_most_improved,
        rank() over (partition by overall.edition order by overall.overall_rank desc) as rank_from_bottom
    from overall
    inner join editions on overall.edition = editions.edition
    left join grip
        on
            editions.outturn_financial_year = grip.financial_year
            and overall.authority_code = grip.authority_code
    left join rank_changes
        on
            overall.edition = rank_changes.edition
            and overall.authority_code = rank_changes.authority_code
),

flagged as (
    select
        *,
        rank_from_bottom <= 30 as is_worst_30,
        case
            when variance_pct is not null
                then row_number() over (
                    partition by edition, (variance_pct is null)
                    order by variance_pct desc, authority_code asc
                )
        end as overspend_position
    from councils
),

members as (
    select
        flagged.*,
        cohort_names.cohort
    from flagged
    inner join cohort_names
        on
            (cohort_names.cohort = 'top_10' and flagged.overall_rank <= 10)
            or (cohort_names.cohort = 'most_improved' and flagged.is_most_improved)
            or (cohort_names.cohort = 'worst_30' and flagged.is_worst_30)
            or cohort_names.cohort = 'all'
),

cohort_stats as (
    select
        edition,
        cohort,
        count(*) as councils,
        count(variance_pct) as councils_with_variance,
        min(variance_pct) as min_variance_pct,
        max(variance_pct) as max_variance_pct,
        avg(variance_pct) as mean_variance_pct,
        {{ correlation_of('variance_pct', 'cast(overall_rank as ' ~ type_double() ~ ')') }} as correlation_with_rank
    from members
    group by edition, cohort
),

edition_stats as (
    select
        edition,
        case
            when count(variance_pct) > 0
                then sum(case when overspend_position <= 5 and is_worst_30 then 1 else 0 end)
        end as top5_overspenders_in_worst30
    from flagged
    group by edition
),

spine as (
    select
        editions.edition,
        editions.outturn_financial_year as financial_year,
        cohort_names.cohort,
        cohort_names.cohort_order
    from editions
    cross join cohort_names
),

final as (
    select
        cast(spine.edition as integer) as edition,
        cast(spine.financial_year as {{ type_varchar() }}) as financial_year,
        cast(spine.cohort as {{ type_varchar() }}) as cohort,
        cast(spine.cohort_order as integer) as cohort_order,
        cast(coalesce(cohort_stats.councils, 0) as integer) as councils,
        cast(coalesce(cohort_stats.councils_with_variance, 0) as integer) as councils_with_variance,
        cast(cohort_stats.min_variance_pct as {{ type_double() }}) as min_variance_pct,
        cast(cohort_stats.max_variance_pct as {{ type_double() }}) as max_variance_pct,
        cast(cohort_stats.mean_variance_pct as {{ type_double() }}) as mean_variance_pct,
        cast(cohort_stats.correlation_with_rank as {{ type_double() }}) as correlation_with_rank,
        cast(edition_stats.top5_overspenders_in_worst30 as integer) as top5_overspenders_in_worst30
    from spine
    left join cohort_stats
        on
            spine.edition = cohort_stats.edition
            and spine.cohort = cohort_stats.cohort
    left join edition_stats
        on spine.edition = edition_stats.edition
)

select * from final
