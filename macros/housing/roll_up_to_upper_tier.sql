{#-
    roll_up_to_upper_tier(relation, measures, england_from_sum=false):
    counts published for lowest-tier areas (districts, unitaries, boroughs; later-boundary
    authorities) -> 2018 upper-tier authorities, per period.

    `relation` has authority_code, period, period_end_year and the count columns `measures`.
      - a later authority (in int_geography__successor_shares: BCP, Dorset 2019, Buckinghamshire,
        North/West Northamptonshire, East/West Suffolk, Somerset West and Taunton ...) is apportioned
        to its 2018 upper-tier predecessors: count x population_share, flagged `is_apportioned`;
        its rows with no value at all (periods before it existed) are ignored;
      - a shire district (int_geography__district_to_county) is summed to its county;
      - a 2018 upper-tier code (int_geography__upper_tier_2018) is kept; county total rows (E10)
        of the input are ignored (counties are always summed from districts);
      - England (var `england_code`) rows are kept as published; with `england_from_sum` England is also
        summed over every upper-tier authority for periods without a published England row.
    A total is null when any of its parts is null (missing stays missing, never a partial sum).
    Output: authority_code, period, period_end_year, the measures, is_apportioned, n_parts.
-#}
{% macro roll_up_to_upper_tier(relation, measures, england_from_sum=false) -%}
    (
    with

    roll_base as (
        select * from {{ relation }}
        where
            authority_code not like 'E10%'
            and not (
                authority_code in (select successor_code from {{ ref('int_geography__successor_shares') }})
                and {% for m in measures %}{{ m }} is null{{ " and " if not loop.last }}{% endfor %}
            )
    ),

    roll_mapped as (
        select
            shares.predecessor_code as authority_code,
            roll_base.period,
            roll_base.period_end_year,
            {%- for m in measures %}
            roll_base.{{ m }} * shares.population_share as {{ m }},
            {%- endfor %}
            1 as apportioned_flag
        from roll_base
        inner join {{ ref('int_geography__successor_shares') }} as shares
            on roll_base.authority_code = shares.successor_code

        union all

        select
            districts.county_code as authority_code,
            roll_base.period,
            roll_base.period_end_year,
            {%- for m in measures %}
            roll_base.{{ m }},
            {%- endfor %}
            0 as apportioned_flag
        from roll_base
        inner join {{ ref('int_geography__district_to_county') }} as districts
            on roll_base.authority_code = districts.district_code
        where roll_base.authority_code not in (
            select successor_code from {{ ref('int_geography__successor_shares') }}
        )

        union all

        select
            roll_base.authority_code,
            roll_base.period,
            roll_base.period_end_year,
            {%- for m in measures %}
            roll_base.{{ m }},
            {%- endfor %}
            0 as apportioned_flag
        from roll_base
        where
            (
                roll_base.authority_code = '{{ var("england_code") }}'
                or roll_base.authority_code in (
                    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
                )
            )
            and roll_base.authority_code not in (
                select successor_code from {{ ref('int_geography__successor_shares') }}
            )
    ),

    roll_summed as (
        select
            authority_code,
            period,
            period_end_year,
            {%- for m in measures %}
            case when count({{ m }}) = count(*) then sum({{ m }}) end as {{ m }},
            {%- endfor %}
            max(apportioned_flag) = 1 as is_apportioned,
            count(*) as n_parts
        from roll_mapped
        group by authority_code, period, period_end_year
    )

    select * from roll_summed
    {%- if england_from_sum %}

    union all

    select
        '{{ var("england_code") }}' as authority_code,
        period,
        period_end_year,
        {%- for m in measures %}
        case when count({{ m }}) = count(*) then sum({{ m }}) end as {{ m }},
        {%- endfor %}
        max(case when is_apportioned then 1 else 0 end) = 1 as is_apportioned,
        sum(n_parts) as n_parts
    from roll_summed
    where
        authority_code <> '{{ var("england_code") }}'
        and period not in (select period from roll_summed where authority_code = '{{ var("england_code") }}')
    group by period, period_end_year
    {%- endif %}
    )
{%- endmacro %}
