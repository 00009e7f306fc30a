{#-
    text_agg(expression, separator, order_by): aggregate (use with group by) joining the non-null
    texts of the group with `separator`, in the order of `order_by` (one sortable expression),
    null for a group without any. `string_agg(x, sep order by k)` on DuckDB and PostgreSQL; Spark
    sorts the collected (key, text) pairs (collect_list keeps no order).
-#}
{% macro text_agg(expression, separator, order_by) -%}
    {{ return(adapter.dispatch('text_agg', 'council_productivity')(expression, separator, order_by)) }}
{%- endmacro %}

{% macro default__text_agg(expression, separator, order_by) -%}
    string_agg({{ expression }}, {{ separator }} order by {{ order_by }})
{%- endmacro %}

{% macro spark__text_agg(expression, separator, order_by) -%}
    nullif(
        array_join(
            transform(
                array_sort(collect_list(
                    case when {{ expression }} is not null
                        then named_struct('k', {{ order_by }}, 'v', {{ expression }}) end
                )),
                x -> x.v
            ),
            {{ separator }}
        ),
        ''
    )
{%- endmacro %}
