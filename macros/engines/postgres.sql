{#-
    PostgreSQL overrides of dbt's own macros (dispatched in the `dbt` namespace; the root project's
    `postgres__*` macros win over dbt-postgres'): contract and cast type names go through
    `portable_type`, so `data_type: double` in a contract becomes `double precision`.
-#}

{#- Contract DDL: `create table (... columns with types and constraints)` with translated types. -#}
{% macro postgres__get_table_columns_and_constraints() -%}
    {%- set raw_column_constraints = adapter.render_raw_columns_constraints(
        raw_columns=council_productivity.portable_columns(model['columns'])) -%}
    {%- set raw_model_constraints = adapter.render_raw_model_constraints(raw_constraints=model['constraints']) -%}
    (
    {% for c in raw_column_constraints -%}
        {{ c }}{{ "," if not loop.last or raw_model_constraints }}
    {% endfor %}
    {% for c in raw_model_constraints -%}
        {{ c }}{{ "," if not loop.last }}
    {% endfor -%}
    )
{%- endmacro %}

{#- dbt.cast (used by the contract check's empty-schema query, among others). -#}
{% macro postgres__cast(field, type) -%}
    cast({{ field }} as {{ council_productivity.portable_type(type) }})
{%- endmacro %}

{#- Seeds: `column_types` such as `double` translated before the seed table is created. -#}
{% macro postgres__create_csv_table(model, agate_table) -%}
    {%- do council_productivity.portable_seed_types(model) -%}
    {{ return(dbt.default__create_csv_table(model, agate_table)) }}
{%- endmacro %}
