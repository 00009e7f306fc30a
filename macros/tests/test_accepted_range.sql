{#-
    Generic test: every non-null value of the column lies within [min_value, max_value]
    (either bound optional; `inclusive` false makes them strict). Null values pass.
-#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
    select {{ column_name }} as failing_value
    from {{ model }}
    where {{ column_name }} is not null
      and (
        1 = 0
        {%- if min_value is not none %}
        or {{ column_name }} {{ '<' if inclusive else '<=' }} {{ min_value }}
        {%- endif %}
        {%- if max_value is not none %}
        or {{ column_name }} {{ '>' if inclusive else '>=' }} {{ max_value }}
        {%- endif %}
      )
{% endtest %}
