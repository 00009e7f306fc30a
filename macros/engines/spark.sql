{#-
    Spark overrides of dbt's own macros (dispatched in the `dbt` namespace; the root project's
    `spark__*` macros win over dbt-spark's):
      - dbt.cast (the contract check's empty-schema query) translates the type through `portable_type`;
      - seeds: `column_types` (`varchar`, ...) are translated before dbt-spark creates and fills the
        seed table, so the seed ymls keep one set of type names for every engine; rows are inserted
        as escaped literals (see spark_seed_literal).
    Tables are written as Parquet (dbt_project.yml sets `file_format: parquet` for Spark), so dbt-spark
    does not try to add contract constraints, which only Delta tables support; the not_null and unique
    data tests still check them.
-#}
{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ council_productivity.portable_type(type) }})
{%- endmacro %}

{% macro spark__create_csv_table(model, agate_table) -%}
    {%- do council_productivity.portable_seed_types(model) -%}
    {{ return(dbt.spark__create_csv_table(model, agate_table)) }}
{%- endmacro %}

{#-
    Seed rows as SQL literals, escaped for Spark (dbt-spark's session method pastes bound text into
    the statement without escaping, so a value with an apostrophe breaks the insert).
-#}
{% macro spark_seed_literal(value) -%}
    {%- if value is none -%}null
    {%- elif value is sameas true -%}true
    {%- elif value is sameas false -%}false
    {%- elif value is number -%}{{ value }}
    {%- else -%}'{{ (value | string).replace('\\', '\\\\').replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}

{% macro spark__load_csv_rows(model, agate_table) -%}
    {%- do council_productivity.portable_seed_types(model) -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for col_name in agate_table.column_names -%}
                    {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
                    {%- set type = column_override.get(col_name, inferred_type) -%}
                    cast({{ council_productivity.spark_seed_literal(row[loop.index0]) }} as {{ type }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.index0 == 0 -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{%- endmacro %}
