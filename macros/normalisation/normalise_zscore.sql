{#-
    normalise_zscore(value, partition_by, winsorise=true, limit=3):
    z-score of `value` within `partition_by` (a comma-separated column list): (x - mean) / sample
    standard deviation, clamped to +-limit when `winsorise` is true. Null when the partition has no
    spread (one value, or all equal). Pass values with polarity applied (higher = better) and only
    non-null rows: the window aggregates ignore nulls, but the rows are kept.
-#}
{% macro normalise_zscore(value, partition_by, winsorise=true, limit=3) -%}
    {%- set z -%}
        ({{ value }} - avg({{ value }}) over (partition by {{ partition_by }}))
        / nullif(stddev_samp({{ value }}) over (partition by {{ partition_by }}), 0)
    {%- endset -%}
    {%- if winsorise -%}
        {{ council_productivity.winsorise(z, limit) }}
    {%- else -%}
        {{ z }}
    {%- endif -%}
{%- endmacro %}
