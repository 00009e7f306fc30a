{#-
    The housing_homelessness lens: every value of its 8 indicators, one row per indicator, area
    (2018 upper tier and England) and period: the union of its indicator models, one per catalogue
    row, in catalogue order. How each indicator is computed (numerator, denominator, filters,
    period) is in its own model in this folder, int_indicator__<indicator_id>.sql; all of them end
    with the columns below. tests/python/test_indicator_models.py fails when this list, the folder
    and the catalogue differ.
-#}
{%- set indicator_models = [
    'int_indicator__hou_homeless_acceptances_per_1000_households',
    'int_indicator__hou_temporary_accommodation_per_1000_households',
    'int_indicator__hou_families_in_bb_per_1000_households',
    'int_indicator__hou_rough_sleepers_per_100k_population',
    'int_indicator__hou_affordable_completions_per_1000_households',
    'int_indicator__hou_net_additional_dwellings_per_1000_households',
    'int_indicator__hou_prevention_relief_secured_pct',
    'int_indicator__hou_long_term_empty_per_1000_households',
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
