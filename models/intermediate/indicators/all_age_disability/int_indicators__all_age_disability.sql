{#-
    The all_age_disability lens: every value of its 8 indicators, one row per indicator, area (2018
    upper tier and England) and period: the union of its indicator models, one per catalogue row, in
    catalogue order. How each indicator is computed (numerator, denominator, filters, period) is in
    its own model in this folder, int_indicator__<indicator_id>.sql; all of them end with the
    columns below. tests/python/test_indicator_models.py fails when this list, the folder and the
    catalogue differ.
-#}
{%- set indicator_models = [
    'int_indicator__dis_ld_paid_employment',
    'int_indicator__dis_ld_own_home_or_family',
    'int_indicator__dis_mh_paid_employment',
    'int_indicator__dis_mh_living_independently',
    'int_indicator__dis_permanent_admissions_18_64',
    'int_indicator__dis_direct_payments',
    'int_indicator__dis_ehc_plans_within_20_weeks',
    'int_indicator__dis_carers_easy_to_find_information',
    'int_indicator__dis_sub_ehcp_level_2_at_19',
] %}
with

final as (
    {%- for indicator_model in indicator_models %}
        select
            lens_id,
            indicator_id,
            authority_code,
            period,
            period_end_year,
            value,  -- noqa: RF04
            numerator,
            denominator,
            source_dataset_id,
            is_apportioned
        from {{ ref(indicator_model) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from final
