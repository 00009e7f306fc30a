{#-
    Spend per head of each lens, per edition and authority of the edition's own geography
    (int_geography__edition_authorities).

    Spend: int_finance__lens_spend_base (the return and year the edition uses, on 2018 geography)
    mapped with int_geography__edition_area_map: an authority's spend is the sum over the 2018
    authorities it is made of, each x base_share (a split 2018 authority's spend is apportioned by
    mid-2017 population); every piece must have a spend, else no row. `spend_source`, `spend_year`
    and `return_type` are those of the pieces (the latest when they differ).
    Population: the band of `population_basis` in int_population__edition_areas (on the authority's
    own boundaries), from the latest mid-year estimate up to the calendar year the spend year starts
    in (2017-18 -> mid-2017), else the earliest loaded; `population_mid_year` says which.
    No spend or no population -> no row (missing stays missing).
-#}
with

base_spend as (
    select * from {{ ref('int_finance__lens_spend_base') }}
),

area_map as (
    select * from {{ ref('int_geography__edition_area_map') }}
),

population as (
    select * from {{ ref('int_population__edition_areas') }}
),

pieces_expected as (
    select
        edition,
        authority_code,
        count(*) as n_pieces
    from area_map
    group by edition, authority_code
),

mapped as (
    select
        area_map.edition,
        area_map.authority_code,
        base_spend.lens_id,
        count(*) as n_pieces_with_spend,
        sum(base_spend.spend_gbp_k * area_map.base_share) as spend_gbp_k,
        max(base_spend.spend_source) as spend_source,
        max(base_spend.spend_year) as spend_year,
        max(base_spend.spend_year_end) as spend_year_end,
        max(base_spend.return_type) as return_type,
        max(base_spend.budget_financial_year) as budget_financial_year,
        max(base_spend.population_basis) as population_basis,
        max(
            case when base_spend.is_apportioned or area_map.base_share < 0.999999 then 1 else 0 end
        ) = 1 as is_apportioned
    from base_spend
    inner join area_map
        on
            base_spend.edition = area_map.edition
            and base_spend.authority_code = area_map.base_code
    group by area_map.edition, area_map.authority_code, base_spend.lens_id
),

chosen as (
    select mapped.*
    from mapped
    inner join pieces_expected
        on
            mapped.edition = pieces_expected.edition
            and mapped.authority_code = pieces_expected.authority_code
    where mapped.n_pieces_with_spend = pieces_expected.n_pieces
),

population_choice as (
    -- the chosen rows carried whole (not joined back to chosen afterwards: a join on the window's
    -- result lets PostgreSQL's planner nest-loop over the window, minutes instead of milliseconds)
    select
        chosen.*,
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
                case when population.mid_year <= chosen.spend_year_end - 1 then 1 else 2 end,
                case when population.mid_year <= chosen.spend_year_end - 1 then population.mid_year end desc,
                population.mid_year
        ) as preference
    from chosen
    inner join population on chosen.authority_code = population.authority_code
),

final as (
    select
        edition,
        authority_code,
        lens_id,
        cast(spend_gbp_k as {{ type_double() }}) as spend_gbp_k,
        cast(population as {{ type_double() }}) as population,
        cast(spend_gbp_k * 1000.0 / population as {{ type_double() }}) as spend_per_head,
        spend_source,
        spend_year,
        return_type,
        budget_financial_year,
        population_basis,
        cast(mid_year as integer) as population_mid_year,
        is_apportioned or is_population_apportioned as is_apportioned
    from population_choice
    where
        preference = 1
        and population > 0
)

select * from final
