{#-
    The eight indicators of the housing_homelessness lens, one row per indicator, authority (2018
    upper tier, and England E92000001) and period. Rates are recomputed from numerators and
    denominators summed to the upper tier (int_housing__area_counts), never averaged. Households
    (the denominator of the per-1,000-households rates) come from the homelessness tables (P1E to
    2017-18, H-CLIC A1 from 2018-19); population from int_population__upper_tier (the mid-year
    of the autumn rough sleeping snapshot). A missing numerator or denominator gives no value.
-#}
with

counts as (
    select * from {{ ref('int_housing__area_counts') }}
),

households as (
    select
        authority_code,
        period,
        value as households
    from counts
    where measure_id = 'households'
),

population as (
    select
        authority_code,
        mid_year,
        persons_all_ages
    from {{ ref('int_population__upper_tier') }}
    union all
    select
        'E92000001' as authority_code,
        mid_year,
        sum(persons_all_ages) as persons_all_ages
    from {{ ref('int_population__upper_tier') }}
    group by mid_year
),

per_households as (
    {%- set per_households = [
        ('hou_homeless_acceptances_per_1000_households', 'acceptances'),
        ('hou_temporary_accommodation_per_1000_households', 'households_in_ta'),
        ('hou_families_in_bb_per_1000_households', 'households_in_bb_with_children'),
        ('hou_affordable_completions_per_1000_households', 'affordable_completions'),
        ('hou_net_additional_dwellings_per_1000_households', 'net_additional_dwellings'),
        ('hou_long_term_empty_per_1000_households', 'long_term_vacant_dwellings'),
    ] %}
    {%- for indicator_id, measure in per_households %}
        select
            '{{ indicator_id }}' as indicator_id,
            counts.authority_code,
            counts.period,
            counts.period_end_year,
            counts.value as numerator,
            households.households as denominator,
            counts.source_dataset_id,
            counts.is_apportioned
        from counts
        inner join households
            on counts.authority_code = households.authority_code and counts.period = households.period
        where counts.measure_id = '{{ measure }}'
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

rough_sleeping as (
    select
        'hou_rough_sleepers_per_100k_population' as indicator_id,
        counts.authority_code,
        counts.period,
        counts.period_end_year,
        counts.value as numerator,
        population.persons_all_ages as denominator,
        counts.source_dataset_id,
        counts.is_apportioned
    from counts
    inner join population
        on
            counts.authority_code = population.authority_code
            and counts.period_end_year - 1 = population.mid_year
    where counts.measure_id = 'rough_sleepers'
),

duties as (
    select
        authority_code,
        period,
        period_end_year,
        max(source_dataset_id) as source_dataset_id,
        max(case when is_apportioned then 1 else 0 end) = 1 as is_apportioned,
        sum(case when measure_id in ('prevention_secured_accommodation', 'relief_secured_accommodation') then value end)
            as secured,
        sum(case when measure_id in ('prevention_duties_ended', 'relief_duties_ended') then value end) as ended,
        count(case when measure_id in (
            'prevention_secured_accommodation', 'relief_secured_accommodation',
            'prevention_duties_ended', 'relief_duties_ended'
        ) then value end) as n_parts
    from counts
    where
        measure_id in (
            'prevention_secured_accommodation', 'relief_secured_accommodation',
            'prevention_duties_ended', 'relief_duties_ended'
        )
    group by authority_code, period, period_end_year
),

prevention_relief as (
    select
        'hou_prevention_relief_secured_pct' as indicator_id,
        authority_code,
        period,
        period_end_year,
        case when n_parts = 4 then secured end as numerator,
        case when n_parts = 4 then ended end as denominator,
        source_dataset_id,
        is_apportioned
    from duties
),

combined as (
    select * from per_households
    union all
    select * from rough_sleeping
    union all
    select * from prevention_relief
),

final as (
    select
        indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(case
            when numerator is null or denominator is null or denominator = 0 then null
            when indicator_id = 'hou_rough_sleepers_per_100k_population' then numerator / denominator * 100000
            when indicator_id = 'hou_prevention_relief_secured_pct' then numerator / denominator * 100
            else numerator / denominator * 1000
        end as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        is_apportioned
    from combined
    where authority_code = 'E92000001' or authority_code in (
        select upper_tier.authority_code from {{ ref('int_geography__upper_tier_2018') }} as upper_tier
    )
)

select * from final
