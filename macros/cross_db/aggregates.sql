{#-
    Aggregates written differently by engine (use with group by):
    median_of(expression): the median, `percentile_cont(0.5) within group (order by ...)` (DuckDB,
        PostgreSQL); Spark `percentile`.
    correlation_of(x, y): the Pearson correlation (`corr`, in all three engines); null when fewer
        than two pairs or no spread (DuckDB's NaN for those made null). Dispatched so an engine
        without `corr` can add its own.
    percentile_disc_of(expression, fraction): the discrete percentile, the smallest value whose
        cumulative share of rows reaches `fraction`, so always a value that occurs. Standard SQL
        `percentile_disc(f) within group (order by x)` on DuckDB and PostgreSQL.
-#}
{% macro median_of(expression) -%}
    {{ return(adapter.dispatch('median_of', 'council_productivity')(expression)) }}
{%- endmacro %}

{% macro default__median_of(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro spark__median_of(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}

{% macro correlation_of(x, y) -%}
    {{ return(adapter.dispatch('correlation_of', 'council_productivity')(x, y)) }}
{%- endmacro %}

{% macro default__correlation_of(x, y) -%}
    corr({{ x }}, {{ y }})
{%- endmacro %}

{% macro duckdb__correlation_of(x, y) -%}
    {#- DuckDB's corr gives NaN, not null, for one pair or no spread (NaN = NaN is true in DuckDB) -#}
    nullif(corr({{ x }}, {{ y }}), cast('NaN' as double))
{%- endmacro %}

{% macro percentile_disc_of(expression, fraction) -%}
    {{ return(adapter.dispatch('percentile_disc_of', 'council_productivity')(expression, fraction)) }}
{%- endmacro %}

{% macro default__percentile_disc_of(expression, fraction) -%}
    percentile_disc({{ fraction }}) within group (order by {{ expression }})
{%- endmacro %}
