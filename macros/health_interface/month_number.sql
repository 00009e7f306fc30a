{#-
    month_number(text): 1-12 from an English month name or its first three letters (case-insensitive);
    null if unknown. Used by stg_health_interface__delayed_transfers_monthly.
-#}
{% macro month_number(text) -%}
    case left(lower(trim({{ text }})), 3)
        {%- for abbreviation in ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] %}
        when '{{ abbreviation }}' then {{ loop.index }}
        {%- endfor %}
    end
{%- endmacro %}
