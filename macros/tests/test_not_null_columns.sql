{#-
    Generic test (model level): none of `columns` holds a null. One scan of the model checks every
    listed column (a per-column not_null test is one dbt node, and one query, per column); each
    failing row names a column and how many of its rows are null.
    Usage: data_tests: [{not_null_columns: {arguments: {columns: [a, b]}}}]
-#}
{% test not_null_columns(model, columns) %}
    with

    null_counts as (
        select
            {%- for column in columns %}
            count(*) - count({{ column }}) as {{ column }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ model }}
    ),

    failures as (
        {%- for column in columns %}
        select
            '{{ column }}' as column_name,
            {{ column }} as null_rows
        from null_counts
        where {{ column }} > 0
        {{ 'union all' if not loop.last }}
        {%- endfor %}
    )

    select * from failures
{% endtest %}
