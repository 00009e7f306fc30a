{#-
    The older_people lens: every value of its 8 indicators, one row per indicator, area (2018 upper
    tier and England) and period: the union of its indicator models, one per catalogue row, in
    catalogue order. How each indicator is computed (numerator, denominator, filters, period) is in
    its own model in this folder, int_indicator__<indicator_id>.sql; all of them end with the
    columns below. tests/python/test_indicator_models.py fails when this list, the folder and the
    catalogue differ.
-#}
{%- set indicator_models = [
    'int_indicator__op_permanent_admissions_65plus',
    'int_indicator__op_reablement_still_at_home_91_days',
    'int_indicator__op_reablement_offered_after_discharge',
    'int_indicator__op_care_related_quality_of_life',
    'int_indicator__op_control_over_daily_life',
    'int_indicator__op_satisfaction_with_care',
    'int_indicator__op_users_feel_safe',
    'int_indicator__op_social_contact',
    'int_indicator__op_sub_adjusted_quality_of_life',
    'int_indicator__op_sub_short_term_services_outcome',
    'int_indicator__op_sub_users_easy_to_find_information',
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
