{#-
    Lens spend line by line: for each edition, council and lens, every revenue account line its
    spend per head is made of, with the amount, so a finance lead can check a figure against the
    RA form (int_finance__lens_spend_lines), beside the lens total, population and spend per head
    (int_finance__lens_spend).
-#}
with

lines as (
    select * from {{ ref('int_finance__lens_spend_lines') }}
),

lens_spend as (
    select * from {{ ref('int_finance__lens_spend') }}
),

final as (
    select
        lines.edition,
        lines.authority_code,
        lines.lens_id,
        lines.return_type,
        lines.spend_year,
        lines.spend_source,
        lines.line_code,
        lines.line_label,
        lines.is_area_total,
        lines.is_optional,
        lines.amount_gbp_k,
        lens_spend.spend_gbp_k as lens_spend_gbp_k,
        lens_spend.population_basis,
        lens_spend.population_mid_year,
        lens_spend.population,
        cast(lines.amount_gbp_k * 1000.0 / lens_spend.population as {{ type_double() }}) as amount_per_head,
        lens_spend.spend_per_head as lens_spend_per_head,
        lines.is_apportioned
    from lines
    inner join lens_spend
        on
            lines.edition = lens_spend.edition
            and lines.authority_code = lens_spend.authority_code
            and lines.lens_id = lens_spend.lens_id
)

select * from final
