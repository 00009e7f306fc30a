{#-
    council_context_distance(councils, neighbours): the context distance between two rows of
    int_analysis__council_context (table aliases): the square root of the squared differences of
    the three standardised measures plus var('neighbour_type_weight') (1) when the authority types
    differ and var('neighbour_region_weight') (1) when the regions differ. Used by
    int_analysis__context_distances for every pair of councils.
-#}
{% macro council_context_distance(councils, neighbours) -%}
    sqrt(
        power({{ councils }}.z_log_population - {{ neighbours }}.z_log_population, 2)
        + power({{ councils }}.z_share_0_17 - {{ neighbours }}.z_share_0_17, 2)
        + power({{ councils }}.z_share_65_plus - {{ neighbours }}.z_share_65_plus, 2)
        + {{ var('neighbour_type_weight', 1) }}
        * case when {{ councils }}.authority_type = {{ neighbours }}.authority_type then 0 else 1 end
        + {{ var('neighbour_region_weight', 1) }}
        * case when {{ councils }}.region_code = {{ neighbours }}.region_code then 0 else 1 end
    )
{%- endmacro %}
