{#-
    DfE three-digit LA number <-> GSS code, one row per GSS code, from the (GSS, DfE number)
    pairs that the DfE children looked after files publish on every local-authority row
    (SFR41/SFR50: New_geog_code, geog_c; EES 2018+: new_la_code, old_la_code).

    Codes are normalised first, so Gateshead (390, published as E08000020 in the SFR files and
    E08000037 in EES) and Northumberland (929, E06000048 / E06000057) give one row each. A DfE
    number can carry two GSS codes when the authority was reorganised but kept its number:
    Buckinghamshire 825 is E10000002 (county, 2018 geography, SFR files) and E06000060 (unitary
    from 2020, used by the EES files even for earlier years); likewise North Yorkshire 815 and
    Somerset 933, which the 2025 EES release publishes on their 2023 unitary codes (E06000065,
    E06000066) from 2020-21. `is_upper_tier_2018` marks the code of the 2017-19 upper tier, so
    joining on dfe_code with that flag gives one 2018 authority.
-#}
with

pairs as (
    {%- set relations = [
        'stg_dfe_cla_underlying__sfr41_cla_2016',
        'stg_dfe_cla_underlying__sfr50_cla_2017',
        'stg_dfe_cla_underlying__sfr50_care_leavers_19_21_2017',
        'stg_dfe_cla_underlying__ees_placement_stability',
        'stg_dfe_cla_underlying__ees_care_leavers_activity',
        'stg_dfe_cla_underlying__ees_cla_rate',
    ] %}
    {%- for relation in relations %}
        select
            authority_code,
            dfe_code,
            authority_name,
            period_end_year
        from {{ ref(relation) }}
        where geographic_level = 'local authority' and dfe_code is not null
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

per_code as (
    select
        authority_code,
        min(dfe_code) as dfe_code,
        count(distinct dfe_code) as dfe_code_count,
        min(period_end_year) as first_period_end_year,
        max(period_end_year) as last_period_end_year
    from pairs
    group by authority_code
),

latest_name as (
    select
        pairs.authority_code,
        max(pairs.authority_name) as authority_name
    from pairs
    inner join per_code
        on
            pairs.authority_code = per_code.authority_code
            and pairs.period_end_year = per_code.last_period_end_year
    group by pairs.authority_code
),

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
),

final as (
    select
        per_code.authority_code,
        per_code.dfe_code,
        latest_name.authority_name,
        per_code.dfe_code_count,
        per_code.first_period_end_year,
        per_code.last_period_end_year,
        upper_tier.authority_code is not null as is_upper_tier_2018
    from per_code
    left join latest_name on per_code.authority_code = latest_name.authority_code
    left join upper_tier on per_code.authority_code = upper_tier.authority_code
)

select * from final
