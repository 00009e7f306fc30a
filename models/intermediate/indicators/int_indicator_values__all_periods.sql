{#-
    Every indicator value of every lens, authority (2018 upper tier and England) and period: the
    union of the six lens models (int_indicators__<lens>, in the order of seeds/lenses.csv), which
    each union their indicator models (<lens>/int_indicator__<indicator_id>.sql) and share their
    columns. The editions' period choice happens in int_indicator_values__editions.
-#}
{%- set lens_models = [
    'int_indicators__childrens_social_care',
    'int_indicators__older_people',
    'int_indicators__all_age_disability',
    'int_indicators__health_social_care_interface',
    'int_indicators__housing_homelessness',
    'int_indicators__waste_recycling',
] %}
with

unioned as (
    {%- for lens_model in lens_models %}
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
        from {{ ref(lens_model) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        cast(lens_id as {{ dbt.type_string() }}) as lens_id,
        cast(indicator_id as {{ dbt.type_string() }}) as indicator_id,
        cast(authority_code as {{ dbt.type_string() }}) as authority_code,
        cast(period as {{ dbt.type_string() }}) as period,
        cast(period_end_year as integer) as period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        cast(source_dataset_id as {{ dbt.type_string() }}) as source_dataset_id,
        is_apportioned
    from unioned
)

select * from final
