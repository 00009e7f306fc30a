{#-
    The waste_recycling lens: every value of its 8 indicators, one row per indicator, area (2018
    upper tier and England) and period: the union of its indicator models, one per catalogue row, in
    catalogue order. How each indicator is computed (numerator, denominator, filters, period) is in
    its own model in this folder, int_indicator__<indicator_id>.sql; all of them end with the
    columns below. tests/python/test_indicator_models.py fails when this list, the folder and the
    catalogue differ.
-#}
{%- set indicator_models = [
    'int_indicator__wst_household_recycling_pct',
    'int_indicator__wst_residual_waste_per_household_kg',
    'int_indicator__wst_flytipping_incidents_per_1000',
    'int_indicator__wst_lacw_per_person_kg',
    'int_indicator__wst_municipal_waste_landfilled_pct',
    'int_indicator__wst_flytipping_actions_per_incident',
    'int_indicator__wst_household_waste_per_person_kg',
    'int_indicator__wst_rejected_recycling_pct',
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
