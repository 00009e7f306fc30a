{#-
    Small cross-engine helpers of the index marts (macros/index):
    index_double(): the 8-byte floating type name (DuckDB/Spark `double`, PostgreSQL `double precision`).
    index_median(expression): the median as an aggregate (use with group by):
        `percentile_cont(0.5) within group (order by ...)` (DuckDB, PostgreSQL); Spark `percentile`.
    index_correlation(x, y): Pearson correlation as an aggregate (`corr`, in all three engines);
        null when fewer than two pairs or no spread.
-#}
{% macro index_double() -%}
    {{ return(adapter.dispatch('index_double', 'council_productivity')()) }}
{%- endmacro %}

{% macro default__index_double() -%}double{%- endmacro %}

{% macro postgres__index_double() -%}double precision{%- endmacro %}

{% macro index_median(expression) -%}
    {{ return(adapter.dispatch('index_median', 'council_productivity')(expression)) }}
{%- endmacro %}

{% macro default__index_median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro spark__index_median(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}

{% macro index_correlation(x, y) -%}
    {{ return(adapter.dispatch('index_correlation', 'council_productivity')(x, y)) }}
{%- endmacro %}

{% macro default__index_correlation(x, y) -%}
    corr({{ x }}, {{ y }})
{%- endmacro %}

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
        cast(null as {{ council_productivity.index_double() }}) as england_value
    where 1 = 0
    {%- endif -%}
{%- endmacro %}
