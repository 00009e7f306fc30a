{#-
    Every indicator value of every lens, authority (2018 upper tier and England) and period: the
    union of the six lens models (int_indicators__<lens>), which all share one contract, with the
    lens added and the two-tier apportioning flag made explicit (false where a lens model has no
    such column). The editions' period choice happens in fct_indicator_values.
-#}
{#- the six lens models, in the order of seeds/lenses.csv; lens models whose rows can be
    apportioned across boundary changes carry is_apportioned -#}
{%- set lenses = [
    'childrens_social_care',
    'older_people',
    'all_age_disability',
    'health_social_care_interface',
    'housing_homelessness',
    'waste_recycling',
] %}
{%- set apportioned_lenses = ['housing_homelessness'] %}
with

{% for lens in lenses %}
    {{ lens }} as (
        select * from {{ ref('int_indicators__' ~ lens) }}
    ),

{% endfor -%}

unioned as (
    {%- for lens in lenses %}
        select
            '{{ lens }}' as lens_id,
            indicator_id,
            authority_code,
            period,
            period_end_year,
            value,
            numerator,
            denominator,
            source_dataset_id,
            {% if lens in apportioned_lenses -%}
                coalesce(is_apportioned, false)
            {%- else -%}
                false
            {%- endif %} as is_apportioned
        from {{ lens }}
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
        cast(value as {{ index_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ index_double() }}) as numerator,
        cast(denominator as {{ index_double() }}) as denominator,
        cast(source_dataset_id as {{ dbt.type_string() }}) as source_dataset_id,
        is_apportioned
    from unioned
)

select * from final
