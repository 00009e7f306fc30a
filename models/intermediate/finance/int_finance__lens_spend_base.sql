{#-
    The spend of each lens, per edition and 2018 upper-tier authority (the base geography the
    revenue account lines are held on, int_finance__service_lines): which return and year the
    edition uses, and the sum of the lens's lines (seed lens_spend_lines) in it.
    int_finance__lens_spend maps it to the edition's own geography and divides by population.

    An edition uses what had been published by its publication date (int_sources__period_releases)
    and no year after its own budget year (seed editions.budget_financial_year):
      1. 'RA budget'                            the Revenue Account budget of the edition's year;
      2. otherwise the most recent year among the outturns and earlier RA budgets released by then,
         an outturn first when the years tie:
         'RSX outturn'                          RSX service totals (2022-23 on, RS line numbers);
         'RO3 outturn'                          the RO3 adult social care lines by age (older
                                                people, all-age disability);
         'RS outturn (fallback)'                an RS workbook or roall.csv service total (to 2017-18);
         'RA budget (fallback: earlier year)'   the latest earlier RA budget (waste always, from
                                                2022: no outturn of the waste lines is held).
    A district-delivered lens (housing, waste) uses the whole area's spend (county council + its
    districts), others the upper tier's own return. A lens's spend needs every one of its lines of
    that return with a value, except an optional line (the waste disposal authority levy, paid
    only where a joint waste disposal authority exists), which counts as zero when not reported.
    No spend gives no row (missing stays missing).
-#}
with

editions as (
    select
        edition,
        publication_date,
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

releases as (
    select * from {{ ref('int_sources__period_releases') }}
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
    select
        lens_year_spend.*,
        case lens_year_spend.return_type
            when 'RA' then 'mhclg_ra_budget'
            when 'RS' then 'mhclg_rs_outturn'
            else 'mhclg_ro_detail'
        end as source_dataset_id
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
                case
                    when
                        complete_spend.return_type = 'RA'
                        and complete_spend.period = editions.budget_financial_year
                        then 1
                    else 2
                end,
                complete_spend.period_end_year desc,
                case when complete_spend.return_type = 'RA' then 2 else 1 end
        ) as preference
    from editions
    inner join complete_spend on editions.budget_end_year >= complete_spend.period_end_year
    left join releases
        on
            complete_spend.source_dataset_id = releases.source_dataset_id
            and complete_spend.period = releases.period
    where releases.released_on is null or releases.released_on < editions.publication_date
),

final as (
    select
        edition,
        authority_code,
        lens_id,
        cast(spend_gbp_k as {{ type_double() }}) as spend_gbp_k,
        case
            when return_type = 'RA' and period = budget_financial_year then 'RA budget'
            when return_type = 'RA' then 'RA budget (fallback: earlier year)'
            when return_type = 'RO3' then 'RO3 outturn'
            when period_end_year >= 2023 then 'RSX outturn'
            else 'RS outturn (fallback)'
        end as spend_source,
        period as spend_year,
        period_end_year as spend_year_end,
        return_type,
        budget_financial_year,
        population_basis,
        is_apportioned
    from candidates
    where preference = 1
)

select * from final
