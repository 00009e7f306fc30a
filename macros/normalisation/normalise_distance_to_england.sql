{#-
    normalise_distance_to_england(value, reference, partition_by, winsorise=true, limit=3):
    distance of `value` from the England value `reference`, in standard deviations of the
    councils' values within `partition_by`: (x - england) / sample sd, clamped to +-limit when
    `winsorise` is true. Positive = better than England (pass value and reference with polarity
    applied). Unlike the z-score it keeps England, not the council mean, as the zero point.
-#}
{% macro normalise_distance_to_england(value, reference, partition_by, winsorise=true, limit=3) -%}
    {%- set d -%}
        ({{ value }} - {{ reference }})
        / nullif(stddev_samp({{ value }}) over (partition by {{ partition_by }}), 0)
    {%- endset -%}
    {%- if winsorise -%}
        {{ council_productivity.winsorise(d, limit) }}
    {%- else -%}
        {{ d }}
    {%- endif -%}
{%- endmacro %}
