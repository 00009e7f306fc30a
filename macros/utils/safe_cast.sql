{#-
    safe_cast(expression, type): cast that yields null instead of failing on bad text.
    DuckDB: try_cast. PostgreSQL: a regex guard for numbers. Spark: cast (null on failure, ANSI off).
-#}
{% macro safe_cast(expression, type) -%}
    {{ return(adapter.dispatch('safe_cast', 'council_productivity')(expression, type)) }}
{%- endmacro %}

{% macro default__safe_cast(expression, type) -%}
    try_cast({{ expression }} as {{ type }})
{%- endmacro %}

{% macro postgres__safe_cast(expression, type) -%}
    case
        when {{ expression }} ~ '^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$'
            then cast({{ expression }} as {{ 'double precision' if type == 'double' else type }})
    end
{%- endmacro %}

{% macro spark__safe_cast(expression, type) -%}
    try_cast({{ expression }} as {{ type }})
{%- endmacro %}
