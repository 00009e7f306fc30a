{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Context of each ranked council in each edition, for statistical neighbours and expected
    outcomes: population size and age structure (int_population__upper_tier, 2018 geography),
    authority type and region (int_geography__authorities), and the continuous measures
    standardised across the ranked councils of the edition (z-scores: mean 0, sample sd 1).

    Anchored to the edition: the population is the mid-year estimate of the calendar year the
    edition's spend year starts in (seed editions.budget_financial_year: 2017-18 -> mid-2017), the
    rule int_finance__lens_spend uses for spend per head; when that year is not loaded, the latest
    loaded before it, else the earliest loaded. Loading a newer population file therefore changes
    no edition's context (it used to take the latest mid-year loaded for every edition).
-#}
with

editions as (
    select
        edition,
        {{ financial_year_end('budget_financial_year') }} - 1 as spend_start_year
    from {{ ref('editions') }}
),

authorities as (
    select * from {{ ref('int_geography__authorities') }}
    where is_ranked
),

population as (
    select * from {{ ref('int_population__upper_tier') }}
),

mid_years as (
    select distinct mid_year from population
),

mid_year_choice as (
    select
        editions.edition,
        mid_years.mid_year,
        row_number() over (
            partition by editions.edition
            order by
                case when mid_years.mid_year <= editions.spend_start_year then 1 else 2 end,
                case when mid_years.mid_year <= editions.spend_start_year then mid_years.mid_year end desc,
                mid_years.mid_year
        ) as preference
    from editions
    cross join mid_years
),

edition_mid_years as (
    select
        edition,
        mid_year
    from mid_year_choice
    where preference = 1
),

joined as (
    select
        edition_mid_years.edition,
        authorities.authority_code,
        authorities.authority_type,
        authorities.region_code,
        population.mid_year as context_mid_year,
        cast(population.persons_all_ages as {{ type_double() }}) as population,
        ln(cast(population.persons_all_ages as {{ type_double() }})) as log_population,
        100.0 * population.persons_0_17 / population.persons_all_ages as share_0_17_pct,
        100.0 * population.persons_65_plus / population.persons_all_ages as share_65_plus_pct
    from edition_mid_years
    cross join authorities
    inner join population
        on
            authorities.authority_code = population.authority_code
            and edition_mid_years.mid_year = population.mid_year
    where population.persons_all_ages > 0
),

stats as (
    select
        edition,
        avg(log_population) as mean_log_population,
        stddev_samp(log_population) as sd_log_population,
        avg(share_0_17_pct) as mean_share_0_17,
        stddev_samp(share_0_17_pct) as sd_share_0_17,
        avg(share_65_plus_pct) as mean_share_65_plus,
        stddev_samp(share_65_plus_pct) as sd_share_65_plus
    from joined
    group by edition
),

final as (
    select
        cast(joined.edition as integer) as edition,
        joined.authority_code,
        joined.authority_type,
        joined.region_code,
        cast(joined.context_mid_year as integer) as context_mid_year,
        joined.population,
        joined.log_population,
        joined.share_0_17_pct,
        joined.share_65_plus_pct,
        (joined.log_population - stats.mean_log_population)
        / nullif(stats.sd_log_population, 0) as z_log_population,
        (joined.share_0_17_pct - stats.mean_share_0_17)
        / nullif(stats.sd_share_0_17, 0) as z_share_0_17,
        (joined.share_65_plus_pct - stats.mean_share_65_plus)
        / nullif(stats.sd_share_65_plus, 0) as z_share_65_plus
    from joined
    inner join stats
        on joined.edition = stats.edition
)

select * from final
