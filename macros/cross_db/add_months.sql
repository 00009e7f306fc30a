{#-
    add_months(date_expression, months): the date `months` calendar months after (before, when
    negative) a date, as a date. `months` is a whole-number SQL expression or literal.
    DuckDB and PostgreSQL: date + interval of months; Spark: add_months().
-#}
{% macro add_months(date_expression, months) -%}
    {{ return(adapter.dispatch('add_months', 'council_productivity')(date_expression, months)) }}
{%- endmacro %}

{% macro default__add_months(date_expression, months) -%}
    cast({{ date_expression }} + ({{ months }}) * interval '1 month' as date)
{%- endmacro %}

{% macro spark__add_months(date_expression, months) -%}
    add_months({{ date_expression }}, {{ months }})
{%- endmacro %}
