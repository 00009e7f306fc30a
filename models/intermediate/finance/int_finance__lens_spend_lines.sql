{#-
    The revenue account lines behind each lens's spend: one row per edition, 2018 upper-tier
    authority, lens and line, for the return and year int_finance__lens_spend chose. The amount is
    the upper tier's own (or, for district-delivered lenses, the whole area's) figure in GBP
    thousand; an optional line not reported (the waste disposal levy) is 0. Summed per lens, the
    amounts give int_finance__lens_spend.spend_gbp_k, so a finance lead can check a lens's spend
    line by line against the RA form.
-#}
with

lens_spend as (
    select * from {{ ref('int_finance__lens_spend') }}
),

lens_lines as (
    select * from {{ ref('lens_spend_lines') }}
),

service_lines as (
    select * from {{ ref('int_finance__service_lines') }}
),

chosen_lines as (
    select
        lens_spend.edition,
        lens_spend.authority_code,
        lens_spend.lens_id,
        lens_spend.return_type,
        lens_spend.spend_year,
        lens_spend.spend_source,
        lens_lines.line_code,
        lens_lines.line_label,
        lens_lines.include_districts,
        lens_lines.is_optional
    from lens_spend
    inner join lens_lines
        on
            lens_spend.lens_id = lens_lines.lens_id
            and lens_spend.return_type = lens_lines.return_type
),

final as (
    select
        chosen_lines.edition,
        chosen_lines.authority_code,
        chosen_lines.lens_id,
        chosen_lines.return_type,
        chosen_lines.spend_year,
        chosen_lines.spend_source,
        chosen_lines.line_code,
        coalesce(service_lines.line_label, chosen_lines.line_label) as line_label,
        chosen_lines.include_districts as is_area_total,
        chosen_lines.is_optional,
        cast(
            coalesce(
                case
                    when chosen_lines.include_districts then service_lines.area_value_gbp_k
                    else service_lines.own_value_gbp_k
                end,
                0
            ) as {{ type_double() }}
        ) as amount_gbp_k,
        coalesce(service_lines.is_apportioned, false) as is_apportioned
    from chosen_lines
    left join service_lines
        on
            chosen_lines.authority_code = service_lines.authority_code
            and chosen_lines.return_type = service_lines.return_type
            and chosen_lines.spend_year = service_lines.period
            and chosen_lines.line_code = service_lines.line_code
)

select * from final
