{#- Generic test: `expression` holds on every row (optionally only where `where_clause` holds). -#}
{% test expression_is_true(model, expression, where_clause=none) %}
    select *
    from {{ model }}
    where not ({{ expression }})
    {%- if where_clause %} and ({{ where_clause }}){% endif %}
{% endtest %}
