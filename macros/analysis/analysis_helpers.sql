{#-
    analysis_integers(count, column_name): the body of a select of the whole numbers 1..count, one
    row each, in a column `column_name`: digits 0-9 cross-joined once per decimal place, so plain
    SQL on every engine (no generate_series, range or sequence). count 0 gives no rows.
-#}
{% macro analysis_integers(count, column_name) -%}
    {%- set count = count | int -%}
    {%- set places = [(count | string) | length, 1] | max -%}
    select cast(
        {%- for place in range(places) %}
        {% if not loop.first %}+ {% endif %}{{ 10 ** place }} * place_{{ place }}.digit
        {%- endfor %}
        + 1 as integer) as {{ column_name }}
    {%- for place in range(places) %}
    {% if loop.first %}from{% else %}cross join{% endif %} (
        {%- for digit in range(10) %}
        select {{ digit }} as digit{% if not loop.last %} union all{% endif %}
        {%- endfor %}
    ) as place_{{ place }}
    {%- endfor %}
    where
        {%- for place in range(places) %}
        {% if not loop.first %}+ {% endif %}{{ 10 ** place }} * place_{{ place }}.digit
        {%- endfor %}
        < {{ count }}
{%- endmacro %}

{#-
    analysis_lens_slots(): the most indicators a lens may have for the rank simulation, which lays
    a lens's scores out one column per catalogue indicator, substitutes included
    (int_analysis__run_lens_ranks). The catalogue's largest lens has 11 (8 and 3 substitutes);
    tests/dbt/analysis/assert_analysis_lens_slots_hold_every_lens fails if a lens outgrows this.
-#}
{% macro analysis_lens_slots() -%}
    {{ return(16) }}
{%- endmacro %}
