{#-
    The cleaning shared by the staging models of models/staging/la_finance (RA budget, RS outturn
    summary, detailed RO3/RO4/RO5 outturn).

    la_finance_form_lines(form): the lines of one return: 'RA' -> la_finance_ra_lines(),
    'RS' -> la_finance_rs_lines(), 'RO3'/'RO4'/'RO5' -> la_finance_ro_lines(form).

    la_finance_authority_columns(period, source_priority, has_ons_code=true): the identifier columns
    of an original MHCLG workbook layout (ecode, published_ons_code, authority_name,
    authority_class, period, source_priority, source_file, source_row_number). `period` is a SQL
    expression; without an ONS code column published_ons_code is a null varchar.

    la_finance_unpivot_lines(relation, form, id_columns): the line columns of `form` turned into
    rows (line_code, value_text), keeping `id_columns` (by default the columns of
    la_finance_authority_columns).

    la_finance_line_values(forms): the cleaned select list of one row per body, year and line:
    authority_code (North Yorkshire, E-code E2721, always E10000023: some files publish E10000022),
    identifiers, period_end_year, return_type, line_code, line_label, value_gbp_k, is_suppressed
    (shared markers or '…'), source_file, source_row_number. With one form, return_type is that
    literal and labels are looked up by line_code; with several the rows carry their own
    return_type column and labels are looked up by return_type and line_code.
-#}
{% macro la_finance_form_lines(form) -%}
    {%- if form == 'RA' -%}
        {{ return(la_finance_ra_lines()) }}
    {%- elif form == 'RS' -%}
        {{ return(la_finance_rs_lines()) }}
    {%- else -%}
        {{ return(la_finance_ro_lines(form)) }}
    {%- endif -%}
{%- endmacro %}

{% macro la_finance_authority_columns(period, source_priority, has_ons_code=true) -%}
        trim(e_code) as ecode,
        {% if has_ons_code %}trim(ons_code){% else %}cast(null as {{ type_varchar() }}){% endif %} as published_ons_code,
        trim(local_authority) as authority_name,
        trim(class) as authority_class,
        {{ period }} as period,
        {{ source_priority }} as source_priority,
        _source_file as source_file,
        _row_number as source_row_number
{%- endmacro %}

{% macro la_finance_unpivot_lines(relation, form, id_columns=none) -%}
    {%- if id_columns is none -%}
        {%- set id_columns = ['ecode', 'published_ons_code', 'authority_name', 'authority_class', 'period',
                              'source_priority', 'source_file', 'source_row_number'] -%}
    {%- endif -%}
    {%- set column_codes = [] -%}
    {%- for line in la_finance_form_lines(form) -%}
        {%- do column_codes.append([line[1], line[0]]) -%}
    {%- endfor -%}
    {{ unpivot_columns(relation, id_columns, column_codes, name_column='line_code', value_column='value_text') }}
{%- endmacro %}

{% macro la_finance_line_values(forms) -%}
        case
            when ecode = 'E2721' then 'E10000023'
            else {{ normalise_authority_code('published_ons_code') }}
        end as authority_code,
        ecode,
        authority_name,
        authority_class,
        period,
        {{ financial_year_end('period') }} as period_end_year,
        {%- if forms | length == 1 %}
        '{{ forms[0] }}' as return_type,
        line_code,
        case line_code
            {%- for line in la_finance_form_lines(forms[0]) %}
                when '{{ line[0] }}' then '{{ line[2] | replace("'", "''") }}'
            {%- endfor %}
        end as line_label,
        {%- else %}
        return_type,
        line_code,
        case
            {%- for form in forms %}
                {%- for line in la_finance_form_lines(form) %}
                when return_type = '{{ form }}' and line_code = '{{ line[0] }}'
                    then '{{ line[2] | replace("'", "''") }}'
                {%- endfor %}
            {%- endfor %}
        end as line_label,
        {%- endif %}
        {{ parse_number('value_text') }} as value_gbp_k,
        ({{ is_suppressed('value_text') }} or trim(value_text) = '{{ la_finance_ellipsis_marker() }}')
            as is_suppressed,
        source_file,
        source_row_number
{%- endmacro %}
