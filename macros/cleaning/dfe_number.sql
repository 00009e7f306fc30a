{#-
    dfe_number(column): a DfE LA number as text, from text that may hold a float ('301.0') or an
    integer ('1'): three digits, zero-padded when shorter ('001'). A number of four digits or more
    is kept whole, never cut to three characters (lpad truncates longer strings): real DfE numbers
    have three digits (201-938, 970 England, 980-990 regions), but the scaled benchmark demo
    universes (`index-demo --scale N`) number their authorities from 1000 upwards once the
    three-digit range is used up. Null when the text is not a number.
-#}
{% macro dfe_number(column) -%}
    {%- set digits = "cast(" ~ cast_or_null("trim(" ~ column ~ ")", "integer") ~ " as " ~ type_varchar() ~ ")" -%}
    case when length({{ digits }}) < 3 then lpad({{ digits }}, 3, '0') else {{ digits }} end
{%- endmacro %}
