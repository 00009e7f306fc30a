{#-
    Health and social care interface lens: eight indicators, one row per indicator, upper-tier
    authority (2018 codes) and England, and period (financial year, or calendar year for falls
    deaths). Sources, in order of preference where two give the same indicator and period:
      - delayed transfers of care, all (ASCOF 2C(1)) and attributable to social care (2C(2)):
        the ASCOF files (nhsd_ascof, then ascof_processed: 2018-19 in ../shared/data), then the
        rate computed from NHS England's monthly files (nhse_dtoc_la_monthly; ASCOF's method);
      - carer-reported quality of life (ASCOF 1D, Total): nhsd_ascof, ascof_processed, then Oflog
        ASC1 (the same measure) - macro `ascof_indicator_rows`;
      - ACSC admissions, 30-day readmissions, falls admissions 65+, hip fractures 65+: the
        Fingertips exports as published (persons, main series);
      - deaths from accidental falls: the ONS rate (all ages, age-standardised), for the 2018
        authorities its April-2021 names map to exactly (int_health__falls_mortality).
    Missing or suppressed values give no row; published rates are kept as published (a published
    age-standardised rate is not numerator / denominator).
-#}
with

ascof_rows as (
    {{ ascof_indicator_rows([
        {'id': 'hsc_dtoc_all_per_100k', 'measure_code': '2C(1)', 'disaggregation': 'Total'},
        {'id': 'hsc_dtoc_social_care_per_100k', 'measure_code': '2C(2)', 'disaggregation': 'Total'},
        {'id': 'hsc_carer_quality_of_life', 'measure_code': '1D', 'disaggregation': 'Total',
         'oflog_metric_code': 'ASC1'},
    ]) | indent(4) }}
),

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
    union all
    select 'E92000001' as authority_code
),

delayed_transfers as (
    select * from {{ ref('int_health__delayed_transfers') }}
),

dtoc_nhse as (
    select
        'hsc_dtoc_all_per_100k' as indicator_id,
        authority_code,
        period,
        period_end_year,
        average_delayed_beds_total / population_18_plus * 100000 as value,  -- noqa: RF04
        average_delayed_beds_total as numerator,
        population_18_plus as denominator,
        'nhse_dtoc_la_monthly' as source_dataset_id
    from delayed_transfers
    where average_delayed_beds_total is not null and population_18_plus > 0
    union all
    select
        'hsc_dtoc_social_care_per_100k' as indicator_id,
        authority_code,
        period,
        period_end_year,
        average_delayed_beds_social_care / population_18_plus * 100000 as value,  -- noqa: RF04
        average_delayed_beds_social_care as numerator,
        population_18_plus as denominator,
        'nhse_dtoc_la_monthly' as source_dataset_id
    from delayed_transfers
    where average_delayed_beds_social_care is not null and population_18_plus > 0
),

fingertips as (
    {%- set fingertips_models = [
        ('hsc_acsc_admissions_per_100k', 'stg_health_interface__acsc_admissions'),
        ('hsc_emergency_readmissions_30_days', 'stg_health_interface__emergency_readmissions'),
        ('hsc_falls_admissions_65plus_per_100k', 'stg_health_interface__falls_admissions_65plus'),
        ('hsc_hip_fractures_65plus_per_100k', 'stg_health_interface__hip_fractures_65plus'),
    ] %}
    {%- for indicator_id, model in fingertips_models %}
        select
            '{{ indicator_id }}' as indicator_id,
            authority_code,
            period,
            period_end_year,
            indicator_value as value,  -- noqa: RF04
            numerator,
            denominator,
            source_dataset_id,
            source_row_number
        from {{ ref(model) }}
        where lower(sex) = 'persons' and indicator_value is not null
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

fingertips_once as (
    select
        indicator_id,
        authority_code,
        period,
        period_end_year,
        value,
        numerator,
        denominator,
        source_dataset_id,
        row_number() over (
            partition by indicator_id, authority_code, period
            order by source_row_number
        ) as preference
    from fingertips
),

falls_deaths as (
    select
        'hsc_falls_deaths_rate' as indicator_id,
        authority_code,
        period,
        period_end_year,
        death_rate as value,  -- noqa: RF04
        deaths as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'ons_falls_mortality_nomis' as source_dataset_id
    from {{ ref('int_health__falls_mortality') }}
    where authority_code is not null and death_rate is not null
),

candidates as (
    select
        ascof_rows.*,
        1 as source_priority
    from ascof_rows
    union all
    select
        dtoc_nhse.*,
        2 as source_priority
    from dtoc_nhse
    union all
    select
        indicator_id,
        authority_code,
        period,
        period_end_year,
        value,
        numerator,
        denominator,
        source_dataset_id,
        1 as source_priority
    from fingertips_once
    where preference = 1
    union all
    select
        falls_deaths.*,
        1 as source_priority
    from falls_deaths
),

ranked as (
    select
        candidates.*,
        row_number() over (
            partition by candidates.indicator_id, candidates.authority_code, candidates.period
            order by candidates.source_priority
        ) as preference
    from candidates
    inner join upper_tier on candidates.authority_code = upper_tier.authority_code
    where candidates.value is not null and candidates.period_end_year <= 2019
),

final as (
    select
        indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id
    from ranked
    where preference = 1
)

select * from final
