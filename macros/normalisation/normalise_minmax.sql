{#-
    normalise_minmax(value, partition_by): rescales `value` to 0-100 within `partition_by`:
    100 x (x - min) / (max - min). 0 = the worst value, 100 = the best (pass values with polarity
    applied). Null when every value of the partition is equal.
-#}
{% macro normalise_minmax(value, partition_by) -%}
    100.0 * ({{ value }} - min({{ value }}) over (partition by {{ partition_by }}))
    / nullif(
        max({{ value }}) over (partition by {{ partition_by }})
        - min({{ value }}) over (partition by {{ partition_by }}),
        0
    )
{%- endmacro %}
