{#-
    unpivot_columns(relation_or_cte, id_columns, value_columns, name_column='column_name',
                    value_column='value_text'):
    turns wide columns into rows with portable SQL (one `union all` branch per column), e.g. a
    year-per-column table into (ids..., year column name, value). `value_columns` is a list of
    column names, or of [column name, label] pairs when the label should be stored instead.
-#}
{% macro unpivot_columns(relation, id_columns, value_columns, name_column='column_name', value_column='value_text') -%}
    {%- for item in value_columns %}
        {%- if item is string -%}{%- set col = item -%}{%- set label = item -%}
        {%- else -%}{%- set col = item[0] -%}{%- set label = item[1] -%}{%- endif %}
    select
        {%- for id in id_columns %}
        {{ id }},
        {%- endfor %}
        '{{ label }}' as {{ name_column }},
        cast({{ col }} as {{ council_productivity.type_varchar() }}) as {{ value_column }}
    from {{ relation }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}
