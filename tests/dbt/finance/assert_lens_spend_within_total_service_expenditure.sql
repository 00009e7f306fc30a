{#-
    Reconciliation of lens spend with the council's total service expenditure (RA line 799), per
    edition and council, on the council's own return (district spend in two-tier areas is not in
    the county's line 799, so the own figures are compared): the lines of all lenses, each line
    counted once (the health and social care interface lens's total adult social care overlaps the
    older people and disability lenses by design), must not exceed line 799. Fails on any council
    whose lens lines exceed its total service expenditure.
-#}
with

lens_lines as (
    select distinct
        edition,
        authority_code,
        return_type,
        spend_year,
        line_code
    from {{ ref('fct_lens_spend') }}
    where return_type = 'RA'
),

service_lines as (
    select * from {{ ref('int_finance__service_lines') }}
    where return_type = 'RA'
),

lens_totals as (
    select
        lens_lines.edition,
        lens_lines.authority_code,
        lens_lines.spend_year,
        sum(coalesce(service_lines.own_value_gbp_k, 0)) as lens_lines_own_gbp_k
    from lens_lines
    left join service_lines
        on
            lens_lines.authority_code = service_lines.authority_code
            and lens_lines.spend_year = service_lines.period
            and lens_lines.line_code = service_lines.line_code
    group by lens_lines.edition, lens_lines.authority_code, lens_lines.spend_year
)

select
    lens_totals.edition,
    lens_totals.authority_code,
    lens_totals.spend_year,
    lens_totals.lens_lines_own_gbp_k,
    total.own_value_gbp_k as total_service_expenditure_gbp_k
from lens_totals
inner join service_lines as total
    on
        lens_totals.authority_code = total.authority_code
        and lens_totals.spend_year = total.period
        and total.line_code = '799'
where lens_totals.lens_lines_own_gbp_k > total.own_value_gbp_k + 0.001
