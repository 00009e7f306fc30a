{#-
    The health_social_care_interface lens: every value of its 8 indicators, one row per indicator,
    area (2018 upper tier and England) and period: the union of its indicator models, one per
    catalogue row, in catalogue order. How each indicator is computed (numerator, denominator,
    filters, period) is in its own model in this folder, int_indicator__<indicator_id>.sql; all of
    them end with the columns below. tests/python/test_indicator_models.py fails when this list, the
    folder and the catalogue differ.
-#}
{%- set indicator_models = [
    'int_indicator__hsc_dtoc_social_care_per_100k',
    'int_indicator__hsc_dtoc_all_per_100k',
    'int_indicator__hsc_acsc_admissions_per_100k',
    'int_indicator__hsc_emergency_readmissions_30_days',
    'int_indicator__hsc_falls_admissions_65plus_per_100k',
    'int_indicator__hsc_hip_fractures_65plus_per_100k',
    'int_indicator__hsc_falls_deaths_rate',
    'int_indicator__hsc_carer_quality_of_life',
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
