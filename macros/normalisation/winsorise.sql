{#-
    winsorise(expression, limit): clamps a score to [-limit, +limit] (null stays null).
    A plain `case` rather than least/greatest, whose null handling differs between engines.
-#}
{% macro winsorise(expression, limit) -%}
    case
        when ({{ expression }}) > {{ limit }} then cast({{ limit }} as {{ type_double() }})
        when ({{ expression }}) < -{{ limit }} then cast(-{{ limit }} as {{ type_double() }})
        else ({{ expression }})
    end
{%- endmacro %}
