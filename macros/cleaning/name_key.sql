{#-
    name_key(column): a matching key for authority names published without codes: lower case,
    '&' -> 'and', the words "council", "county council", "city of", "borough of", "metropolitan
    borough", a leading "the " and anything in brackets removed, and every character that is not a letter or digit dropped.
    "Bristol, City of" and "City of Bristol Council" both give "bristol".
-#}
{% macro name_key(column) -%}
    {%- set lowered = "replace(lower(trim(" ~ column ~ ")), '&', 'and')" -%}
    {%- set stripped = regexp_replace_all(lowered, "(county council|metropolitan borough|borough of|city of|council|^the |[(].*[)])", "") -%}
    {{ regexp_replace_all(stripped, "[^a-z0-9]", "") }}
{%- endmacro %}
