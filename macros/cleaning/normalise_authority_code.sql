{#-
    normalise_authority_code(column): trimmed, upper-case GSS code, with the codes that changed
    without a change of authority mapped to the code used for 2017-19:
      - E08000020 -> E08000037 Gateshead (boundary correction, 2013)
      - E06000048 -> E06000057 Northumberland (boundary correction, 2013)
      - E07000100 -> E07000240 St Albans, E07000104 -> E07000241 Welwyn Hatfield,
        E07000097 -> E07000242 East Hertfordshire, E07000101 -> E07000243 Stevenage (2013)
    Codes of *new* authorities (BCP, Buckinghamshire UA, ...) are not touched here: they are
    mapped back to 2018 geography in the intermediate layer (int_geography__successor_shares).
-#}
{% macro authority_code_aliases() -%}
    {{ return({
        'E08000020': 'E08000037',
        'E06000048': 'E06000057',
        'E07000100': 'E07000240',
        'E07000104': 'E07000241',
        'E07000097': 'E07000242',
        'E07000101': 'E07000243',
    }) }}
{%- endmacro %}

{% macro normalise_authority_code(column) -%}
    case upper(trim({{ column }}))
        {%- for old, new in authority_code_aliases().items() %}
        when '{{ old }}' then '{{ new }}'
        {%- endfor %}
        else upper(trim({{ column }}))
    end
{%- endmacro %}
