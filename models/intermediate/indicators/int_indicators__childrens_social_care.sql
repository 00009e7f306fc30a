{#-
    Children's social care lens: one row per indicator, 2017-19 upper-tier authority (plus
    England, E92000001) and year ending 31 March (period '2016-17', period_end_year 2017).

    Published rates and shares from LAIT (the DfE Local Authority Interactive Tool), whose values
    are already per authority, are taken as published (numerator and denominator null):
      csc_cla_rate           LAC               children looked after per 10,000 under-18s
      csc_cpp_two_years      CPPlans2yrs       % of CP plans ceasing that lasted 2 years or more
      csc_cpp_repeat         PrevRegCPR        % of CP plans that were second or subsequent
      csc_rereferrals        ReReferral        % of referrals within 12 months of a previous one
      csc_placements_3plus   LACStable_2016on  % of CLA with 3+ placements (up to 2016-17 only)
    Shares from counts in the DfE children looked after files (SFR41/2016, SFR50/2017, EES
    2018 onwards), value = 100 x numerator / denominator:
      csc_placements_3plus   EES placement stability from 2017-18
      csc_care_leavers_eet   care leavers aged 19-21 in education, employment or training
      csc_care_leavers_accommodation  care leavers aged 19-21 in suitable accommodation
      csc_sdq_concern        CLA 12+ months aged 5-16 with an SDQ score of concern (of those scored)
      csc_cla_missing        CLA during the year who had a missing incident
    A share whose numerator or denominator is suppressed (or any part of a summed numerator) is
    left out: missing stays missing. Exception: where the care-leaver EET share cannot be computed
    (SFR 2016 and 2017 suppress small activity counts, so HE + other education + training or
    employment is unknown for about 60 councils), LAIT's published CareLeaverEET share for the
    same year is used instead (source_dataset_id dfe_lait, numerator and denominator null). Local-authority rows are placed on 2018 geography by their
    DfE number (the EES files publish Buckinghamshire 825 as E06000060 for every year; 825 is
    E10000002 in 2017-19, same area). Rows of authorities created after 2019 (BCP, Dorset,
    North/West Northamptonshire) carry no values for years up to 2018-19 ('z') and are dropped.
-#}
{#-
    The count-based shares, one entry per indicator, in union order (value = 100 x numerator /
    denominator):
      sfr  the numerator and denominator columns of `sfr_wide` (SFR41/2016, SFR50/2017)
      ees  the EES staging model; an optional row filter (SQL); the column holding the category
           and the one holding the count; the numerator and denominator categories (labels in
           the wording of the 2025 release, which the staging models give every year; each year
           comes from the latest release that covers it, so the years two releases share are
           DfE's revised figures)
-#}
{%- set count_shares = [
    {
        'indicator_id': 'csc_placements_3plus',
        'ees': {
            'model': 'stg_dfe_cla_underlying__ees_placement_stability',
            'filter': "cla_group = 'CLA on 31 March'",
            'category': 'characteristic',
            'count': 'number',
            'numerator': 'With 3 or more placements during the year',
            'denominator': 'Total children',
        },
    },
    {
        'indicator_id': 'csc_care_leavers_eet',
        'sfr': {'numerator': 'care_leavers_eet', 'denominator': 'care_leavers_total'},
        'ees': {
            'model': 'stg_dfe_cla_underlying__ees_care_leavers_activity',
            'filter': "age_group = '19 to 21 years'",
            'category': 'activity',
            'count': 'number',
            'numerator': 'Total in education, employment or training',
            'denominator': 'Total',
        },
    },
    {
        'indicator_id': 'csc_care_leavers_accommodation',
        'sfr': {'numerator': 'care_leavers_suitable', 'denominator': 'care_leavers_total'},
        'ees': {
            'model': 'stg_dfe_cla_underlying__ees_care_leavers_accommodation',
            'filter': "age_group = '19 to 21 years'",
            'category': 'accommodation_suitability',
            'count': 'number',
            'numerator': 'Accommodation considered suitable',
            'denominator': 'Suitability total',
        },
    },
    {
        'indicator_id': 'csc_sdq_concern',
        'sfr': {'numerator': 'sdq_concern', 'denominator': 'sdq_received'},
        'ees': {
            'model': 'stg_dfe_cla_underlying__ees_outcomes',
            'filter': "cla_group = 'Ages 5 to 16 years with SDQ score'",
            'category': 'characteristic',
            'count': 'number',
            'numerator': 'SDQ score is a cause for concern',
            'denominator': 'SDQ score was received',
        },
    },
    {
        'indicator_id': 'csc_cla_missing',
        'sfr': {'numerator': 'cla_missing_during_year', 'denominator': 'cla_during_year'},
        'ees': {
            'model': 'stg_dfe_cla_underlying__ees_missing',
            'filter': none,
            'category': 'measure',
            'count': 'value',
            'numerator': 'Children who had a missing incident during the year',
            'denominator': 'Children looked after during the year',
        },
    },
] -%}
with

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
    union all
    select 'E92000001' as authority_code
),

dfe_codes as (
    select
        dfe_code,
        authority_code
    from {{ ref('int_geography__dfe_authority_codes') }}
    where is_upper_tier_2018
),

lait as (
    select
        case measure_short
            when 'LAC' then 'csc_cla_rate'
            when 'CPPlans2yrs' then 'csc_cpp_two_years'
            when 'PrevRegCPR' then 'csc_cpp_repeat'
            when 'ReReferral' then 'csc_rereferrals'
            when 'LACStable_2016on' then 'csc_placements_3plus'
            when 'CareLeaverEET' then 'csc_care_leavers_eet'
        end as indicator_id,
        authority_code,
        period,
        period_end_year,
        value,
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'dfe_lait' as source_dataset_id
    from {{ ref('int_dfe__lait_values') }}
    where
        geographic_level in ('national', 'local authority')
        and year_status is null
        and years like '____'
        and value is not null
        and (
            measure_short in ('LAC', 'CPPlans2yrs', 'PrevRegCPR', 'ReReferral')
            or (measure_short = 'LACStable_2016on' and period_end_year <= 2017)
            or measure_short = 'CareLeaverEET'
        )
),

lait_published as (
    select * from lait
    where indicator_id <> 'csc_care_leavers_eet'
),

lait_fallback as (
    select * from lait
    where indicator_id = 'csc_care_leavers_eet'
),

sfr_long as (
    {%- set sfr = [
        'stg_dfe_cla_underlying__sfr41_cla_2016',
        'stg_dfe_cla_underlying__sfr50_cla_2017',
        'stg_dfe_cla_underlying__sfr41_missing_2016',
        'stg_dfe_cla_underlying__sfr50_missing_2017',
        'stg_dfe_cla_underlying__sfr41_care_leavers_2016',
        'stg_dfe_cla_underlying__sfr50_care_leavers_19_21_2017',
        'stg_dfe_cla_underlying__sfr41_oc2_2016',
        'stg_dfe_cla_underlying__sfr50_oc2_2017',
    ] %}
    {%- for relation in sfr %}
        select
            authority_code,
            dfe_code,
            geographic_level,
            period,
            period_end_year,
            measure,
            value
        from {{ ref(relation) }}
        where geographic_level in ('national', 'local authority')
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

sfr_wide as (
    select
        authority_code,
        dfe_code,
        geographic_level,
        period,
        period_end_year,
        max(case when measure = 'cla_during_year' then value end) as cla_during_year,
        max(case when measure = 'cla_missing_during_year' then value end) as cla_missing_during_year,
        max(case when measure = 'care_leavers_19_21_total' then value end) as care_leavers_total,
        max(case when measure = 'care_leavers_19_21_higher_education' then value end)
        + max(case when measure = 'care_leavers_19_21_other_education' then value end)
        + max(case when measure = 'care_leavers_19_21_training_employment' then value end) as care_leavers_eet,
        max(case when measure = 'care_leavers_19_21_suitable_accommodation' then value end)
            as care_leavers_suitable,
        max(case when measure = 'sdq_received' then value end) as sdq_received,
        max(case when measure = 'sdq_concern' then value end) as sdq_concern
    from sfr_long
    group by authority_code, dfe_code, geographic_level, period, period_end_year
),

sfr_shares as (
    {%- for share in count_shares if share.sfr %}
        select
            '{{ share.indicator_id }}' as indicator_id,
            authority_code,
            dfe_code,
            geographic_level,
            period,
            period_end_year,
            {{ share.sfr.numerator }} as numerator,
            {{ share.sfr.denominator }} as denominator
        from sfr_wide
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

ees_shares as (
    {%- for share in count_shares if share.ees %}
        {%- set ees = share.ees %}
        select
            '{{ share.indicator_id }}' as indicator_id,
            authority_code,
            dfe_code,
            geographic_level,
            period,
            period_end_year,
            max(case when {{ ees.category }} = '{{ ees.numerator }}' then {{ ees.count }} end) as numerator,
            max(case when {{ ees.category }} = '{{ ees.denominator }}' then {{ ees.count }} end) as denominator
        from {{ ref(ees.model) }}
        {%- if ees.filter %}
            where {{ ees.filter }}
        {%- endif %}
        group by authority_code, dfe_code, geographic_level, period, period_end_year
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

count_shares as (
    select
        all_shares.indicator_id,
        case
            when all_shares.geographic_level = 'national' then all_shares.authority_code
            else dfe_codes.authority_code
        end as authority_code,
        all_shares.period,
        all_shares.period_end_year,
        100.0 * all_shares.numerator / all_shares.denominator as value,  -- noqa: RF04
        all_shares.numerator,
        all_shares.denominator,
        'dfe_cla' as source_dataset_id
    from (
        select * from sfr_shares
        union all
        select * from ees_shares
    ) as all_shares
    left join dfe_codes on all_shares.dfe_code = dfe_codes.dfe_code
    where
        all_shares.geographic_level in ('national', 'local authority')
        and all_shares.numerator is not null
        and all_shares.denominator > 0
),

fallback_used as (
    select lait_fallback.*
    from lait_fallback
    left join count_shares
        on
            lait_fallback.indicator_id = count_shares.indicator_id
            and lait_fallback.authority_code = count_shares.authority_code
            and lait_fallback.period = count_shares.period
    where count_shares.indicator_id is null
),

combined as (
    select * from lait_published
    union all
    select * from count_shares
    union all
    select * from fallback_used
),

final as (
    select
        combined.indicator_id,
        combined.authority_code,
        combined.period,
        combined.period_end_year,
        cast(combined.value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(combined.numerator as {{ type_double() }}) as numerator,
        cast(combined.denominator as {{ type_double() }}) as denominator,
        combined.source_dataset_id
    from combined
    inner join upper_tier on combined.authority_code = upper_tier.authority_code
)

select * from final
