{#-
    The quarter of a quarterly H-CLIC detailed local authority workbook, read from its file name
    (the registry says so: scripts/registry/homelessness.yml, dataset mhclg_homelessness_ta_quarterly).

    hclic_file_yyyymm(file_column): the six characters YYYYMM that follow the name's stem, as text:
    'homelessness/DetailedLA_201906_revised.xlsx' -> '201906', 'Detailed_LA_202203.ods' -> '202203',
    'Statutory_Homelessness_Detailed_Local_Authority_Data_202506.ods' -> '202506'; null when the
    name has none of the stems. Portable position/substring.

    hclic_quarter_end(yyyymm): the quarter-end date as ISO text from that YYYYMM text
    ('201906' -> '2019-06-30', '202503' -> '2025-03-31'); null when the month is not 3, 6, 9 or 12.
-#}
{% macro hclic_file_yyyymm(file_column) -%}
    case
        {%- for stem in ['Local_Authority_Data_', 'Detailed_LA_', 'DetailedLA_'] %}
        when position('{{ stem }}' in {{ file_column }}) > 0
            then substring({{ file_column }}, position('{{ stem }}' in {{ file_column }}) + {{ stem | length }}, 6)
        {%- endfor %}
    end
{%- endmacro %}

{% macro hclic_quarter_end(yyyymm) -%}
    (
        substring({{ yyyymm }}, 1, 4) || '-' || substring({{ yyyymm }}, 5, 2) || '-'
        || case substring({{ yyyymm }}, 5, 2)
            when '03' then '31' when '06' then '30' when '09' then '30' when '12' then '31'
        end
    )
{%- endmacro %}
