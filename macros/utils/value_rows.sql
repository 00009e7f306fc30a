{#-
    value_rows(columns, rows): the body of a CTE holding a short list of constant rows, one
    `select <literal> as <column>, ...` per row joined by `union all` (portable: no VALUES list,
    which engines alias differently). `rows` is a list of lists in the order of `columns`, or of
    single values when there is one column; texts are quoted (with ' doubled), numbers written as
    they are.

    Used to unpivot a wide table in one pass: `cross join` the wide rows with the list of the
    columns' keys, then pick each key's column with a `case`. That reads the wide table once,
    where one `union all` branch per column makes the engine plan and scan it once per column (on
    Spark 20-38 s for the 91 age columns of stg_population__mye2_persons, against 3.5-5 s).
-#}
{% macro value_rows(columns, rows) -%}
    {%- for row in rows %}
        {%- set values = row if (row is iterable and row is not string) else [row] %}
        {%- if values | length != columns | length -%}
            {{ exceptions.raise_compiler_error(
                "value_rows: row " ~ loop.index ~ " has " ~ (values | length) ~ " values for the "
                ~ (columns | length) ~ " columns " ~ (columns | join(', '))) }}
        {%- endif %}
    select
        {%- for value in values %}
        {{ council_productivity.sql_literal(value) }} as {{ columns[loop.index0] }}{{ ',' if not loop.last }}
        {%- endfor %}
        {%- if not loop.last %}
    union all
        {%- endif %}
    {%- endfor %}
{%- endmacro %}

{#- sql_literal(value): a Jinja value as a SQL literal: null, a number as written, a text quoted with ' doubled. -#}
{% macro sql_literal(value) -%}
    {%- if value is none -%}
        null
    {%- elif value is number -%}
        {{ value }}
    {%- else -%}
        '{{ value | string | replace("'", "''") }}'
    {%- endif -%}
{%- endmacro %}
