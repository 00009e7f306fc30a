{#-
    Housing and homelessness counts on 2018 upper-tier geography, long: one row per measure,
    authority (or England) and period. Each source is rolled up with `roll_up_to_upper_tier`
    (districts summed to counties, later-boundary authorities apportioned by population share),
    then, where several sources give the same measure for the same period, the first in priority
    order that has a value wins (official tables before the processed extraction; P1E acceptances
    before H-CLIC MD1, which counts a different duty stage; a 31 March TA1 snapshot before Table 784).
-#}
with

hclic_a1 as (
    select
        authority_code,
        period,
        period_end_year,
        households_thousands * 1000 as households
    from {{ ref('stg_homelessness__hclic_a1') }}
),

hclic_p1 as (select * from {{ ref('stg_homelessness__hclic_p1') }}),

hclic_r1 as (select * from {{ ref('stg_homelessness__hclic_r1') }}),

hclic_duties as (
    select
        coalesce(hclic_p1.authority_code, hclic_r1.authority_code) as authority_code,
        coalesce(hclic_p1.period, hclic_r1.period) as period,
        coalesce(hclic_p1.period_end_year, hclic_r1.period_end_year) as period_end_year,
        hclic_p1.prevention_duties_ended,
        hclic_p1.prevention_secured_accommodation,
        hclic_r1.relief_duties_ended,
        hclic_r1.relief_secured_accommodation
    from hclic_p1
    full outer join hclic_r1
        on hclic_p1.authority_code = hclic_r1.authority_code and hclic_p1.period = hclic_r1.period
),

hclic_md1 as (
    select
        authority_code,
        period,
        period_end_year,
        acceptances
    from {{ ref('stg_homelessness__hclic_md1') }}
),

table_784 as (
    select
        authority_code,
        period,
        period_end_year,
        households_thousands * 1000 as households,
        acceptances,
        households_in_ta
    from {{ ref('stg_homelessness__table_784') }}
),

processed as (
    select
        authority_code,
        period,
        period_end_year,
        households_thousands * 1000 as households,
        acceptances,
        households_in_ta
    from {{ ref('stg_homelessness__p1e_2004_2018') }}
    where period_end_year >= 2010
),

ta_march as (
    -- TA1 is a quarter-end snapshot: the March file gives the 31 March position of its financial year
    select
        authority_code,
        financial_year as period,
        period_end_year,
        households_in_ta,
        households_in_bb_with_children
    from {{ ref('stg_homelessness__ta_quarterly') }}
    where snapshot_month = 3
),

rough as (
    select
        authority_code,
        period,
        period_end_year,
        rough_sleepers
    from {{ ref('stg_rough_sleeping__snapshot') }}
),

net_additional as (
    select
        authority_code,
        period,
        period_end_year,
        net_additional_dwellings
    from {{ ref('stg_housing_supply__net_additional_dwellings') }}
),

affordable as (
    select
        authority_code,
        period,
        period_end_year,
        affordable_completions
    from {{ ref('stg_housing_supply__affordable_completions') }}
),

vacant as (
    select
        authority_code,
        period,
        period_end_year,
        long_term_vacant_dwellings
    from {{ ref('stg_housing_supply__long_term_vacant') }}
),

r_hclic_a1 as (select * from {{ roll_up_to_upper_tier('hclic_a1', ['households']) }} as r
),

r_hclic_duties as (
    select * from {{ roll_up_to_upper_tier('hclic_duties', [
        'prevention_duties_ended', 'prevention_secured_accommodation',
        'relief_duties_ended', 'relief_secured_accommodation']) }} as r
),

r_hclic_md1 as (select * from {{ roll_up_to_upper_tier('hclic_md1', ['acceptances']) }} as r
),

r_table_784 as (
    select * from {{ roll_up_to_upper_tier('table_784', ['households', 'acceptances', 'households_in_ta'],
                                           england_from_sum=true) }} as r
),

r_processed as (
    select * from {{ roll_up_to_upper_tier('processed', ['households', 'acceptances', 'households_in_ta'],
                                           england_from_sum=true) }} as r
),

r_ta_march as (
    select * from {{ roll_up_to_upper_tier('ta_march', ['households_in_ta', 'households_in_bb_with_children'],
                                           england_from_sum=true) }} as r
),

r_rough as (select * from {{ roll_up_to_upper_tier('rough', ['rough_sleepers']) }} as r
),

r_net_additional as (select * from {{ roll_up_to_upper_tier('net_additional', ['net_additional_dwellings']) }} as r
),

r_affordable as (select * from {{ roll_up_to_upper_tier('affordable', ['affordable_completions']) }} as r
),

r_vacant as (select * from {{ roll_up_to_upper_tier('vacant', ['long_term_vacant_dwellings']) }} as r
),

{%- set pieces = [
    ('r_table_784', 'households', 'mhclg_homelessness_table_784', 1),
    ('r_processed', 'households', 'homelessness_2004_2018_processed', 2),
    ('r_hclic_a1', 'households', 'mhclg_hclic_detailed_la', 3),
    ('r_table_784', 'acceptances', 'mhclg_homelessness_table_784', 1),
    ('r_processed', 'acceptances', 'homelessness_2004_2018_processed', 2),
    ('r_hclic_md1', 'acceptances', 'mhclg_hclic_detailed_la', 3),
    ('r_ta_march', 'households_in_ta', 'mhclg_homelessness_ta_quarterly', 1),
    ('r_table_784', 'households_in_ta', 'mhclg_homelessness_table_784', 2),
    ('r_processed', 'households_in_ta', 'homelessness_2004_2018_processed', 3),
    ('r_ta_march', 'households_in_bb_with_children', 'mhclg_homelessness_ta_quarterly', 1),
    ('r_hclic_duties', 'prevention_duties_ended', 'mhclg_hclic_detailed_la', 1),
    ('r_hclic_duties', 'prevention_secured_accommodation', 'mhclg_hclic_detailed_la', 1),
    ('r_hclic_duties', 'relief_duties_ended', 'mhclg_hclic_detailed_la', 1),
    ('r_hclic_duties', 'relief_secured_accommodation', 'mhclg_hclic_detailed_la', 1),
    ('r_rough', 'rough_sleepers', 'dluhc_rough_sleeping_snapshot', 1),
    ('r_net_additional', 'net_additional_dwellings', 'dluhc_net_additional_dwellings', 1),
    ('r_affordable', 'affordable_completions', 'dluhc_affordable_housing_supply', 1),
    ('r_vacant', 'long_term_vacant_dwellings', 'dluhc_vacant_dwellings_lt615', 1),
] %}

stacked as (
    {%- for relation, measure, dataset, priority in pieces %}
        select
            '{{ measure }}' as measure_id,
            authority_code,
            period,
            period_end_year,
            cast({{ measure }} as {{ type_double() }}) as value,  -- noqa: RF04
            is_apportioned,
            '{{ dataset }}' as source_dataset_id,
            {{ priority }} as source_priority
        from {{ relation }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

ranked as (
    select
        *,
        row_number() over (
            partition by measure_id, authority_code, period
            order by case when value is null then 1 else 0 end, source_priority
        ) as source_rank
    from stacked
),

final as (
    select
        measure_id,
        authority_code,
        period,
        period_end_year,
        value,
        is_apportioned,
        source_dataset_id
    from ranked
    where source_rank = 1
)

select * from final
