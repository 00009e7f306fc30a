{#-
    table_statistics(relation): the statement that gives the engine's query planner the statistics of a
    table just built, run by every model's post-hook (dbt_project.yml). PostgreSQL: `analyze`, because a
    table made by `create table as` has none until autovacuum reaches it, and a model that reads it
    before then is planned as if it held a few rows (nested loops over 70,000 indicator values: minutes
    instead of seconds, depending on whether autovacuum won the race). Views are skipped. DuckDB and
    Spark: nothing (DuckDB keeps statistics as it writes; dbt skips an empty hook).
-#}
{% macro table_statistics(relation) -%}
    {{ return(adapter.dispatch('table_statistics', 'council_productivity')(relation)) }}
{%- endmacro %}

{% macro default__table_statistics(relation) -%}
{%- endmacro %}

{% macro postgres__table_statistics(relation) -%}
    {%- if config.get('materialized') in ('table', 'incremental') -%}
        analyze {{ relation }}
    {%- endif -%}
{%- endmacro %}
