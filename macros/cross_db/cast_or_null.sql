{#-
    cast_or_null(expression, type): cast that yields null instead of failing on bad text.
    Named apart from dbt's own `safe_cast` (which dbt's unit tests use for fixture values), so it
    never replaces it.
    DuckDB: try_cast (text with a fraction cast to an integer type is rounded half away from zero:
    '301.0' -> 301, '2.5' -> 3). PostgreSQL: a regex guard for numbers (surrounding blanks allowed),
    integer types through numeric so they round the same way. Spark: try_cast (null on failure,
    whatever the ANSI setting), integer types through a rounded double so they round the same way.
    `type` is one of the project's type names (see `portable_type`).
-#}
{% macro cast_or_null(expression, type) -%}
    {{ return(adapter.dispatch('cast_or_null', 'council_productivity')(expression, type)) }}
{%- endmacro %}

{% macro default__cast_or_null(expression, type) -%}
    try_cast({{ expression }} as {{ type }})
{%- endmacro %}

{% macro postgres__cast_or_null(expression, type) -%}
    {%- set kind = (type | string).strip().lower() -%}
    {%- if kind in ('integer', 'int', 'bigint', 'smallint', 'double', 'double precision', 'float', 'real')
        or kind.startswith('numeric') or kind.startswith('decimal') -%}
    case
        when cast({{ expression }} as text) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$'
            then cast(
                {%- if kind in ('integer', 'int', 'bigint', 'smallint') %}
                cast({{ expression }} as numeric)
                {%- else %}
                {{ expression }}
                {%- endif %} as {{ council_productivity.portable_type(type) }})
    end
    {%- else -%}
    {#- not a number type: a plain cast -#}
    cast({{ expression }} as {{ council_productivity.portable_type(type) }})
    {%- endif -%}
{%- endmacro %}

{% macro spark__cast_or_null(expression, type) -%}
    {%- if type | lower in ('integer', 'int', 'bigint', 'smallint') -%}
    try_cast(round(try_cast({{ expression }} as double)) as {{ type }})
    {%- else -%}
    try_cast({{ expression }} as {{ council_productivity.portable_type(type) }})
    {%- endif -%}
{%- endmacro %}
