{#-
    Portable type names. Models and macros write the project's own type names (`varchar`, `double`,
    `integer`, `bigint`, `boolean`, `date`), as in DuckDB; `portable_type(name)` turns one into the
    name the target engine understands:
      - PostgreSQL: `double` -> `double precision` (PostgreSQL has no `double`);
      - Spark: `varchar` / `text` -> `string` (Spark's `varchar` needs a length);
      - DuckDB and anything else: unchanged.
    `type_double()` and `type_varchar()` are the two names models need in casts:
    `cast(x as {{ type_double() }})`. Contracts (`data_type:` in yml) and seeds (`column_types`)
    keep the project's names: the adapter overrides in macros/engines/ translate them.
-#}
{% macro portable_type(name) -%}
    {{ return(adapter.dispatch('portable_type', 'council_productivity')(name)) }}
{%- endmacro %}

{% macro default__portable_type(name) -%}
    {{ return(name) }}
{%- endmacro %}

{% macro postgres__portable_type(name) -%}
    {%- set key = (name | string).strip().lower() -%}
    {{ return({'double': 'double precision', 'string': 'text'}.get(key, name)) }}
{%- endmacro %}

{% macro spark__portable_type(name) -%}
    {%- set key = (name | string).strip().lower() -%}
    {{ return({'varchar': 'string', 'text': 'string', 'double precision': 'double'}.get(key, name)) }}
{%- endmacro %}

{% macro type_double() -%}
    {{ return(council_productivity.portable_type('double')) }}
{%- endmacro %}

{% macro type_varchar() -%}
    {{ return(council_productivity.portable_type('varchar')) }}
{%- endmacro %}

{#- portable_columns(columns): a copy of a model's `columns` dict with every `data_type` translated. -#}
{% macro portable_columns(columns) -%}
    {%- set translated = {} -%}
    {%- for name, column in columns.items() -%}
        {%- set copy = {} -%}
        {%- do copy.update(column) -%}
        {%- if column.get('data_type') -%}
            {%- do copy.update({'data_type': council_productivity.portable_type(column['data_type'])}) -%}
        {%- endif -%}
        {%- do translated.update({name: copy}) -%}
    {%- endfor -%}
    {{ return(translated) }}
{%- endmacro %}

{#- portable_seed_types(model): translate a seed's `column_types` in place (macros/engines/ call it
    before dbt creates and fills the seed table). -#}
{% macro portable_seed_types(model) -%}
    {%- set column_types = model['config'].get('column_types') or {} -%}
    {%- for name, type in column_types.items() -%}
        {%- do column_types.update({name: council_productivity.portable_type(type)}) -%}
    {%- endfor -%}
{%- endmacro %}
