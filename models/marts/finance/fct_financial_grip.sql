{#-
    Financial grip: budget (RA) against outturn (RS) per financial year, 2018 upper-tier
    authority and service, for every financial year in which both returns are loaded.
      total                   RA line 799 vs RS line 699 (total service expenditure)
      childrens_social_care   RA line 330 vs RS line 330
      adult_social_care       RA line 360 vs RS line 360
    Uses each authority's own return (not its districts'). variance_pct = (outturn - budget) /
    budget * 100, null when the budget is zero or missing.
-#}
{%- set services = [
    ['total', '799', '699'],
    ['childrens_social_care', '330', '330'],
    ['adult_social_care', '360', '360'],
] -%}

with

service_lines as (
    select * from {{ ref('int_finance__service_lines') }}
),

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
),

services as (
    {%- for service in services %}
        select
            '{{ service[0] }}' as service,
            '{{ service[1] }}' as budget_line_code,
            '{{ service[2] }}' as outturn_line_code
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

budget as (
    select
        services.service,
        service_lines.authority_code,
        service_lines.period,
        service_lines.own_value_gbp_k as budget_gbp_k,
        service_lines.is_apportioned
    from service_lines
    inner join services on service_lines.line_code = services.budget_line_code
    where service_lines.return_type = 'RA'
),

outturn as (
    select
        services.service,
        service_lines.authority_code,
        service_lines.period,
        service_lines.own_value_gbp_k as outturn_gbp_k,
        service_lines.is_apportioned
    from service_lines
    inner join services on service_lines.line_code = services.outturn_line_code
    where service_lines.return_type = 'RS'
),

paired as (
    select
        budget.period as financial_year,
        budget.authority_code,
        budget.service,
        budget.budget_gbp_k,
        outturn.outturn_gbp_k,
        budget.is_apportioned or outturn.is_apportioned as is_apportioned
    from budget
    inner join outturn
        on
            budget.authority_code = outturn.authority_code
            and budget.period = outturn.period
            and budget.service = outturn.service
    inner join upper_tier on budget.authority_code = upper_tier.authority_code
),

final as (
    select
        cast(financial_year as {{ type_varchar() }}) as financial_year,
        cast({{ financial_year_end('financial_year') }} as integer) as period_end_year,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(service as {{ type_varchar() }}) as service,
        cast(budget_gbp_k as {{ type_double() }}) as budget_gbp_k,
        cast(outturn_gbp_k as {{ type_double() }}) as outturn_gbp_k,
        cast(outturn_gbp_k - budget_gbp_k as {{ type_double() }}) as variance_gbp_k,
        cast(
            case when budget_gbp_k <> 0 then (outturn_gbp_k - budget_gbp_k) / budget_gbp_k * 100 end
            as {{ type_double() }}
        ) as variance_pct,
        cast(is_apportioned as boolean) as is_apportioned
    from paired
)

select * from final
