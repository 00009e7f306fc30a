{#-
    The revenue account lines behind each lens's spend: one row per edition, authority of the
    edition's geography, lens and line, for the return and year int_finance__lens_spend_base chose.
    The amount is the upper tier's own (or, for district-delivered lenses, the whole area's) figure
    in GBP thousand, summed over the 2018 authorities the authority is made of x their base_share
    (int_geography__edition_area_map); an optional line not reported (the waste disposal levy) is 0.
    Summed per lens, the amounts give int_finance__lens_spend.spend_gbp_k, so a finance lead can
    check a lens's spend line by line against the form.
-#}
with

base_spend as (
    select * from {{ ref('int_finance__lens_spend_base') }}
),

lens_spend as (
    select * from {{ ref('int_finance__lens_spend') }}
),

area_map as (
    select * from {{ ref('int_geography__edition_area_map') }}
),

lens_lines as (
    select * from {{ ref('lens_spend_lines') }}
),

service_lines as (
    select * from {{ ref('int_finance__service_lines') }}
),

base_lines as (
    select
        base_spend.edition,
        base_spend.authority_code as base_code,
        base_spend.lens_id,
        base_spend.return_type,
        base_spend.spend_year,
        lens_lines.line_code,
        coalesce(service_lines.line_label, lens_lines.line_label) as line_label,
        lens_lines.include_districts,
        lens_lines.is_optional,
        coalesce(
            case
                when lens_lines.include_districts then service_lines.area_value_gbp_k
                else service_lines.own_value_gbp_k
            end,
            0
        ) as amount_gbp_k,
        coalesce(service_lines.is_apportioned, false) as is_apportioned
    from base_spend
    inner join lens_lines
        on
            base_spend.lens_id = lens_lines.lens_id
            and base_spend.return_type = lens_lines.return_type
    left join service_lines
        on
            base_spend.authority_code = service_lines.authority_code
            and base_spend.return_type = service_lines.return_type
            and base_spend.spend_year = service_lines.period
            and lens_lines.line_code = service_lines.line_code
),

mapped as (
    select
        area_map.edition,
        area_map.authority_code,
        base_lines.lens_id,
        base_lines.line_code,
        max(base_lines.return_type) as return_type,
        max(base_lines.line_label) as line_label,
        max(case when base_lines.include_districts then 1 else 0 end) = 1 as is_area_total,
        max(case when base_lines.is_optional then 1 else 0 end) = 1 as is_optional,
        sum(base_lines.amount_gbp_k * area_map.base_share) as amount_gbp_k,
        max(
            case when base_lines.is_apportioned or area_map.base_share < 0.999999 then 1 else 0 end
        ) = 1 as is_apportioned
    from base_lines
    inner join area_map
        on
            base_lines.edition = area_map.edition
            and base_lines.base_code = area_map.base_code
    group by area_map.edition, area_map.authority_code, base_lines.lens_id, base_lines.line_code
),

final as (
    select
        lens_spend.edition,
        lens_spend.authority_code,
        lens_spend.lens_id,
        lens_spend.return_type,
        lens_spend.spend_year,
        lens_spend.spend_source,
        mapped.line_code,
        mapped.line_label,
        mapped.is_area_total,
        mapped.is_optional,
        cast(mapped.amount_gbp_k as {{ type_double() }}) as amount_gbp_k,
        mapped.is_apportioned
    from lens_spend
    inner join mapped
        on
            lens_spend.edition = mapped.edition
            and lens_spend.authority_code = mapped.authority_code
            and lens_spend.lens_id = mapped.lens_id
            and lens_spend.return_type = mapped.return_type
)

select * from final
