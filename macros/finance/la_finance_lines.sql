{#-
    Expression macros of the la_finance staging models (the lines each model reads are listed in the
    model itself).

    la_finance_ellipsis_marker(): the '…' cell MHCLG uses for "not submitted" (not in the shared
    suppression markers; treated as suppressed here).
    la_finance_is_suppressed(column): the boolean expression `is_suppressed` of the la_finance
    staging models: a shared suppression marker, a blank, '…', or a note reference published in
    place of a value ('[note 3]': "outstanding validation queries", RO3 2024-25).
-#}
{% macro la_finance_ellipsis_marker() -%}
    {{ return('…') }}
{%- endmacro %}

{% macro la_finance_is_suppressed(column) -%}
    ({{ is_suppressed(column) }}
        or trim({{ column }}) = '{{ la_finance_ellipsis_marker() }}'
        or trim({{ column }}) like '[note %]')
{%- endmacro %}
