{#-
    Numbers written differently by engine:
    round_places(expression, places): `round` to a number of decimal places; PostgreSQL rounds only
        numeric values to places, so the value is cast there.
    hex_to_bigint(hex): the integer value of a text of at most 15 hexadecimal digits: DuckDB casts
        '0x...', PostgreSQL reads it as a bit string, Spark uses conv.
-#}
{% macro round_places(expression, places) -%}
    {{ return(adapter.dispatch('round_places', 'council_productivity')(expression, places)) }}
{%- endmacro %}

{% macro default__round_places(expression, places) -%}
    round({{ expression }}, {{ places }})
{%- endmacro %}

{% macro postgres__round_places(expression, places) -%}
    round(cast({{ expression }} as numeric), {{ places }})
{%- endmacro %}

{% macro hex_to_bigint(hex) -%}
    {{ return(adapter.dispatch('hex_to_bigint', 'council_productivity')(hex)) }}
{%- endmacro %}

{% macro default__hex_to_bigint(hex) -%}
    cast(concat('0x', {{ hex }}) as bigint)
{%- endmacro %}

{% macro postgres__hex_to_bigint(hex) -%}
    cast(cast(concat('x', lpad({{ hex }}, 16, '0')) as bit(64)) as bigint)
{%- endmacro %}

{% macro spark__hex_to_bigint(hex) -%}
    cast(conv({{ hex }}, 16, 10) as bigint)
{%- endmacro %}
