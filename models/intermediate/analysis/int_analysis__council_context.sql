{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Context of each ranked council for statistical neighbours and expected outcomes: population
    size and age structure from the latest mid-year estimate loaded (int_population__upper_tier),
    authority type and region (dim_authority), and the continuous variables standardised across the
    ranked councils (z-scores: mean 0, sample sd 1).
-#}
with

authorities as (
    select * from {{ ref('int_geography__authorities') }}
    where is_ranked
),

population as (
    select * from {{ ref('int_population__upper_tier') }}
),

latest as (
    select max(mid_year) as mid_year
    from population
),

joined as (
    select
        authorities.authority_code,
        authorities.authority_type,
        authorities.region_code,
        population.mid_year as context_mid_year,
        cast(population.persons_all_ages as {{ index_double() }}) as population,
        ln(cast(population.persons_all_ages as {{ index_double() }})) as log_population,
        100.0 * population.persons_0_17 / population.persons_all_ages as share_0_17_pct,
        100.0 * population.persons_65_plus / population.persons_all_ages as share_65_plus_pct
    from authorities
    inner join population
        on authorities.authority_code = population.authority_code
    inner join latest
        on population.mid_year = latest.mid_year
    where population.persons_all_ages > 0
),

stats as (
    select
        avg(log_population) as mean_log_population,
        stddev_samp(log_population) as sd_log_population,
        avg(share_0_17_pct) as mean_share_0_17,
        stddev_samp(share_0_17_pct) as sd_share_0_17,
        avg(share_65_plus_pct) as mean_share_65_plus,
        stddev_samp(share_65_plus_pct) as sd_share_65_plus
    from joined
),

final as (
    select
        joined.authority_code,
        joined.authority_type,
        joined.region_code,
        joined.context_mid_year,
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
    cross join stats
)

select * from final
