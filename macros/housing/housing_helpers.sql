{#-
    Helpers of the housing area (homelessness, rough sleeping, housing supply).

    is_la_or_england_code(column): true for district, unitary, metropolitan, London borough (E06-E09)
    and county (E10) codes and England (var `england_code`): the rows of the housing tables that staging
    keeps (regions, 'Rest of England', notes and blank rows are dropped; London appears twice as a
    region in the H-CLIC sheets).

    number_or_null_flag(column): true when the published cell holds no number: a suppression marker
    (`is_suppressed`) or any other text such as H-CLIC's '…' (U+2026), so the flag always agrees
    with `parse_number` returning null.

    file_year(file_column, marker, offset): the 4-digit year found `offset` characters after
    `marker` in the file name, as an integer (e.g. 'DetailedLA_2018-2019.ods', marker 'DetailedLA_',
    offset 5 -> 2019). Portable position/substring.
-#}
{% macro is_la_or_england_code(column) -%}
    (upper(trim({{ column }})) = '{{ var("england_code") }}' or (length(trim({{ column }})) = 9 and upper(substring(trim({{ column }}), 1, 3)) in ('E06', 'E07', 'E08', 'E09', 'E10')))
{%- endmacro %}

{% macro number_or_null_flag(column) -%}
    ({{ is_suppressed(column) }} or {{ parse_number(column) }} is null)
{%- endmacro %}

{% macro file_year(file_column, marker, offset=0) -%}
    cast(substring({{ file_column }}, position('{{ marker }}' in {{ file_column }}) + {{ marker | length }} + {{ offset }}, 4) as integer)
{%- endmacro %}
