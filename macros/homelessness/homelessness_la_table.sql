{#-
    homelessness_la_table(relation, period_end_year, measures, suppression_flags, code_column,
    name_column): the body of a staging model for one local-authority homelessness table with one
    row per area and financial year (H-CLIC detailed LA tables, Live Table 784, the processed
    2004-2018 P1E extraction). Only district, unitary, county and England rows are kept
    (is_la_or_england_code). `measures` are [published column, name] pairs parsed to numbers;
    `suppression_flags` are [published column, flag name] pairs, true when the cell holds no
    number (number_or_null_flag), so a flag always agrees with the value being null.
-#}
{% macro homelessness_la_table(
    relation,
    period_end_year,
    measures,
    suppression_flags,
    code_column='col_1',
    name_column='col_2'
) -%}
with

source as (
    select * from {{ relation }}
),

renamed as (
    select
        {{ normalise_authority_code(code_column) }} as authority_code,
        trim({{ name_column }}) as area_name,
        {{ period_end_year }} as period_end_year,
        {%- for item in measures %}
        {{ parse_number(item[0]) }} as {{ item[1] }},
        {%- endfor %}
        {%- for item in suppression_flags %}
        {{ number_or_null_flag(item[0]) }} as {{ item[1] }},
        {%- endfor %}
        _source_file as source_file
    from source
    where {{ is_la_or_england_code(code_column) }}
),

final as (
    select
        authority_code,
        area_name,
        {{ financial_year_label('period_end_year') }} as period,
        period_end_year,
        {%- for item in measures %}
        {{ item[1] }},
        {%- endfor %}
        {%- for item in suppression_flags %}
        {{ item[1] }},
        {%- endfor %}
        source_file
    from renamed
)

select * from final
{%- endmacro %}
