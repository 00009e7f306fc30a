{#-
    index_england_values(): the select of the England values (edition, indicator_id,
    england_value) from the model named in var('england_values_model'), or an empty select of the
    same shape when the var is '' (the distance-to-England method then falls back to the ranked
    councils' median).
-#}
{% macro index_england_values() -%}
    {%- set england_model = var('england_values_model', '') -%}
    {%- if england_model -%}
    select
        edition,
        indicator_id,
        value as england_value
    from {{ ref(england_model) }}
    where value is not null
    {%- else -%}
    select
        cast(null as integer) as edition,
        cast(null as {{ council_productivity.type_varchar() }}) as indicator_id,
        cast(null as {{ council_productivity.type_double() }}) as england_value
    where 1 = 0
    {%- endif -%}
{%- endmacro %}
