{#-
    normalise_percentile(value, partition_by): percentile rank of `value` within `partition_by`,
    0-100: 100 x (rank - 1) / (rows - 1), i.e. `percent_rank()`. Ties share the lower percentile;
    the worst value scores 0 and the best 100 (pass values with polarity applied). Pass only
    non-null values: `percent_rank` would rank null rows too. A partition of one row scores 0.
-#}
{% macro normalise_percentile(value, partition_by) -%}
    100.0 * percent_rank() over (partition by {{ partition_by }} order by {{ value }})
{%- endmacro %}
