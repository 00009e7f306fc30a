{#-
    The childrens_social_care lens: every value of its 9 indicators, one row per indicator, area
    (2018 upper tier and England) and period: the union of its indicator models, one per catalogue
    row, in catalogue order. How each indicator is computed (numerator, denominator, filters,
    period) is in its own model in this folder, int_indicator__<indicator_id>.sql; all of them end
    with the columns below. tests/python/test_indicator_models.py fails when this list, the folder
    and the catalogue differ.
-#}
{%- set indicator_models = [
    'int_indicator__csc_cla_rate',
    'int_indicator__csc_cpp_two_years',
    'int_indicator__csc_cpp_repeat',
    'int_indicator__csc_rereferrals',
    'int_indicator__csc_placements_3plus',
    'int_indicator__csc_care_leavers_eet',
    'int_indicator__csc_care_leavers_accommodation',
    'int_indicator__csc_sdq_concern',
    'int_indicator__csc_cla_missing',
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
