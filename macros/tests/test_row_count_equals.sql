{#- Generic test: the model has exactly `expected` rows (e.g. the 49 indicators of the catalogue). -#}
{% test row_count_equals(model, expected) %}
    select count(*) as n_rows
    from {{ model }}
    having count(*) <> {{ expected }}
{% endtest %}
