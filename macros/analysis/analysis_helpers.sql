{#-
    analysis_percentile_disc(expression, fraction): the discrete percentile of `expression` (an
    aggregate, use with group by): the smallest value whose cumulative share of rows reaches
    `fraction`, so it is always a value that occurs (a rank some draw gave). Standard SQL
    `percentile_disc(f) within group (order by x)` on DuckDB and PostgreSQL; other engines can
    add an override here.
-#}
{% macro analysis_percentile_disc(expression, fraction) -%}
    {{ return(adapter.dispatch('analysis_percentile_disc', 'council_productivity')(expression, fraction)) }}
{%- endmacro %}

{% macro default__analysis_percentile_disc(expression, fraction) -%}
    percentile_disc({{ fraction }}) within group (order by {{ expression }})
{%- endmacro %}

{#-
    analysis_round(expression, places): `round` to a number of decimal places; PostgreSQL rounds
    only numeric values to places, so the value is cast there.
-#}
{% macro analysis_round(expression, places) -%}
    {{ return(adapter.dispatch('analysis_round', 'council_productivity')(expression, places)) }}
{%- endmacro %}

{% macro default__analysis_round(expression, places) -%}
    round({{ expression }}, {{ places }})
{%- endmacro %}

{% macro postgres__analysis_round(expression, places) -%}
    round(cast({{ expression }} as numeric), {{ places }})
{%- endmacro %}
