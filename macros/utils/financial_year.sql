{#-
    financial_year_label(end_year): the label of the financial year ending in March of `end_year`,
    e.g. 2017 -> '2016-17'. Portable string functions only.
-#}
{% macro financial_year_label(end_year) -%}
    cast(({{ end_year }}) - 1 as {{ council_productivity.type_varchar() }}) || '-' || right(cast({{ end_year }} as {{ council_productivity.type_varchar() }}), 2)
{%- endmacro %}

{#- financial_year_end(label): '2016-17' -> 2017 (integer). -#}
{% macro financial_year_end(label) -%}
    (cast(left({{ label }}, 4) as integer) + 1)
{%- endmacro %}
