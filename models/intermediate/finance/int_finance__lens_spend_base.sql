{#-
    Spend per head of each lens, per edition and 2018 upper-tier authority.

    Spend = the sum of the lens's lines (seed lens_spend_lines) in the edition's Revenue Account
    budget year (seed editions.budget_financial_year). District-delivered services (housing,
    waste) use the whole area's spend (county council + its districts), others the upper tier's
    own return. A lens's spend needs every one of its lines with a value, except an optional line
    (the waste disposal authority levy, paid only where a joint waste disposal authority exists),
    which counts as zero when not reported. int_finance__lens_spend_lines lists the lines.
    Fallbacks, always visible in `spend_source` and `spend_year`:
      1. 'RA budget'                            the edition's budget year;
      2. 'RA budget (fallback: earlier year)'   the latest earlier RA budget loaded;
      3. 'RS outturn (fallback)'                the latest RS outturn up to the budget year, for
                                                lenses with an RS line (service totals only).
    Population: the band of `population_basis` in int_population__upper_tier, from the latest
    mid-year estimate up to the calendar year the spend year starts in (2017-18 -> mid-2017),
    else the earliest loaded; `population_mid_year` says which.
    No spend or no population -> no row (missing stays missing).
-#}
with

editions as (
    select
        edition,
        budget_financial_year,
        {{ financial_year_end('budget_financial_year') }} as budget_end_year
    from {{ ref('editions') }}
),

lens_lines as (
    select * from {{ ref('lens_spend_lines') }}
),

lens_line_counts as (
    -- lines that must have a value (an optional line, the waste disposal levy, counts as zero)
    select
        lens_id,
        return_type,
        sum(case when coalesce(is_optional, false) then 0 else 1 end) as n_required_lines
    from lens_lines
    group by lens_id, return_type
),

service_lines as (
    select * from {{ ref('int_finance__service_lines') }}
),

population as (
    select * from {{ ref('int_population__upper_tier') }}
),

lens_line_values as (
    select
        service_lines.authority_code,
        lens_lines.lens_id,
        service_lines.return_type,
        service_lines.period,
        service_lines.period_end_year,
        lens_lines.population_basis,
        lens_lines.is_optional,
        case
            when lens_lines.include_districts then service_lines.area_value_gbp_k else service_lines.own_value_gbp_k
        end as value_gbp_k,
        service_lines.is_apportioned
    from service_lines
    inner join lens_lines
        on
            service_lines.return_type = lens_lines.return_type
            and service_lines.line_code = lens_lines.line_code
),

lens_year_spend as (
    select
        authority_code,
        lens_id,
        return_type,
        period,
        period_end_year,
        max(population_basis) as population_basis,
        sum(coalesce(value_gbp_k, 0)) as spend_gbp_k,
        sum(
            case when not coalesce(is_optional, false) and value_gbp_k is not null then 1 else 0 end
        ) as n_required_with_value,
        max(case when is_apportioned then 1 else 0 end) = 1 as is_apportioned
    from lens_line_values
    group by
        authority_code,
        lens_id,
        return_type,
        period,
        period_end_year
),

complete_spend as (
    select lens_year_spend.*
    from lens_year_spend
    inner join lens_line_counts
        on
            lens_year_spend.lens_id = lens_line_counts.lens_id
            and lens_year_spend.return_type = lens_line_counts.return_type
    where lens_year_spend.n_required_with_value = lens_line_counts.n_required_lines
),

candidates as (
    select
        editions.edition,
        editions.budget_financial_year,
        complete_spend.*,
        row_number() over (
            partition by editions.edition, complete_spend.authority_code, complete_spend.lens_id
            order by
                case when complete_spend.return_type = 'RA' then 1 else 2 end,
                complete_spend.period_end_year desc
        ) as preference
    from editions
    inner join complete_spend on editions.budget_end_year >= complete_spend.period_end_year
),

chosen as (
    select * from candidates
    where preference = 1
),

population_choice as (
    select
        chosen.edition,
        chosen.authority_code,
        chosen.lens_id,
        population.mid_year,
        case chosen.population_basis
            when 'persons_0_17' then population.persons_0_17
            when 'persons_18_64' then population.persons_18_64
            when 'persons_65_plus' then population.persons_65_plus
            when 'persons_18_plus' then population.persons_18_plus
            when 'persons_all_ages' then population.persons_all_ages
        end as population,
        population.is_apportioned as is_population_apportioned,
        row_number() over (
            partition by chosen.edition, chosen.authority_code, chosen.lens_id
            order by
                case when population.mid_year <= chosen.period_end_year - 1 then 1 else 2 end,
                case when population.mid_year <= chosen.period_end_year - 1 then population.mid_year end desc,
                population.mid_year
        ) as preference
    from chosen
    inner join population on chosen.authority_code = population.authority_code
),

final as (
    select
        chosen.edition,
        chosen.authority_code,
        chosen.lens_id,
        cast(chosen.spend_gbp_k as {{ type_double() }}) as spend_gbp_k,
        cast(population_choice.population as {{ type_double() }}) as population,
        cast(chosen.spend_gbp_k * 1000.0 / population_choice.population as {{ type_double() }}) as spend_per_head,
        case
            when chosen.return_type = 'RA' and chosen.period = chosen.budget_financial_year then 'RA budget'
            when chosen.return_type = 'RA' then 'RA budget (fallback: earlier year)'
            else 'RS outturn (fallback)'
        end as spend_source,
        chosen.period as spend_year,
        chosen.return_type,
        chosen.budget_financial_year,
        chosen.population_basis,
        cast(population_choice.mid_year as integer) as population_mid_year,
        chosen.is_apportioned or population_choice.is_population_apportioned as is_apportioned
    from chosen
    inner join population_choice
        on
            chosen.edition = population_choice.edition
            and chosen.authority_code = population_choice.authority_code
            and chosen.lens_id = population_choice.lens_id
            and population_choice.preference = 1
    where population_choice.population > 0
)

select * from final
