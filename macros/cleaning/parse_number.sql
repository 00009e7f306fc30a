{#-
    Text as published -> number, or null.

    parse_number(column): trims the text, strips thousands separators, a leading pound sign and a
    trailing percent sign, and turns the suppression markers (see `suppression_markers`) and text
    that is not a number into null. It never turns a marker into zero.
    is_suppressed(column): true when the cell holds a suppression marker or is blank.
    Markers: the GSS symbols (x not available, c confidential, z not applicable, k or 'low': rounds to zero
    but is not zero, as the DfE's EES files publish it, u low reliability), '..', '-', '*' and the like.
    Both dispatch through adapter.dispatch so another warehouse only needs its own `cast_or_null`.
-#}
{% macro suppression_markers() -%}
    {{ return(['x', 'c', 'z', 'k', 'u', 'low', ':', '..', '...', '-', '--', '[c]', '[x]', '[z]', '[u]', '*', '~', 'n/a', 'na', '#name?', '']) }}
{%- endmacro %}

{% macro parse_number(column) -%}
    {{ return(adapter.dispatch('parse_number', 'council_productivity')(column)) }}
{%- endmacro %}

{% macro default__parse_number(column) -%}
    case
        when lower(trim({{ column }})) in (
            {%- for marker in suppression_markers() %}'{{ marker }}'{{ ", " if not loop.last }}{% endfor -%}
        ) then null
        else {{ cast_or_null(
            "replace(replace(replace(replace(trim(" ~ column ~ "), ',', ''), '£', ''), '%', ''), ' ', '')",
            'double'
        ) }}
    end
{%- endmacro %}

{% macro is_suppressed(column) -%}
    (
        {{ column }} is null
        or lower(trim({{ column }})) in (
            {%- for marker in suppression_markers() %}'{{ marker }}'{{ ", " if not loop.last }}{% endfor -%}
        )
    )
{%- endmacro %}

{#- The text of a cell that is neither a number nor a known marker: for status columns and tests. -#}
{% macro is_unparseable_number(column) -%}
    ({{ column }} is not null and not {{ is_suppressed(column) }} and {{ parse_number(column) }} is null)
{%- endmacro %}
