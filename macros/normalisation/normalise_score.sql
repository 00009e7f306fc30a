{#-
    normalise_score(method, value, reference, partition_by, winsorise=none): the indicator score of `value` by the
    method named in var('normalisation') (or `method`): zscore (default), minmax, percentile or
    distance_to_england. Winsorising (z-score and distance to England) follows `winsorise`, by
    default var('winsorise'), and var('winsor_limit'). `value` and `reference` must already have
    polarity applied. The index scores with the vars; the rank simulation
    (int_analysis__method_scores) calls it once per method and winsorising choice.
-#}
{% macro normalise_score(method, value, reference, partition_by, winsorise=none) -%}
    {%- if winsorise is none -%}{%- set winsorise = var('winsorise', true) -%}{%- endif -%}
    {%- set limit = var('winsor_limit', 3) -%}
    {%- if winsorise is string -%}{%- set winsorise = winsorise | lower in ('true', '1', 'yes') -%}{%- endif -%}
    {%- if method == 'zscore' -%}
        {{ council_productivity.normalise_zscore(value, partition_by, winsorise, limit) }}
    {%- elif method == 'minmax' -%}
        {{ council_productivity.normalise_minmax(value, partition_by) }}
    {%- elif method == 'percentile' -%}
        {{ council_productivity.normalise_percentile(value, partition_by) }}
    {%- elif method == 'distance_to_england' -%}
        {{ council_productivity.normalise_distance_to_england(value, reference, partition_by, winsorise, limit) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var('normalisation') must be zscore, minmax, percentile or distance_to_england, not '"
            ~ method ~ "'") }}
    {%- endif -%}
{%- endmacro %}
