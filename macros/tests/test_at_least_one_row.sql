{#- Generic test: the model is not empty (optionally: has at least `min_rows` rows). -#}
{% test at_least_one_row(model, min_rows=1) %}
    select count(*) as n_rows
    from {{ model }}
    having count(*) < {{ min_rows }}
{% endtest %}
