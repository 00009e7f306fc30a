{#-
    Detailed Revenue Outturn forms, net current expenditure, long: one row per reporting body
    (E-code), financial year, form and line (macros/finance/la_finance_lines.sql:
    la_finance_ro_lines).
      - RO3 social care and public health (ods, 2022-23 on; source_form 'RO3'): the form's own line
        numbers (10 ... 30 TOTAL CHILDREN SOCIAL CARE, 32 ... 60 TOTAL ADULT SOCIAL CARE, 90 TOTAL
        PUBLIC HEALTH); C7 of each line, landed as col_<line>_7 (2022-23/2023-24 from the hidden
        line and column number rows, 2024-25 from its header texts through the registry's
        column_aliases). Only the authority table is read: it ends at the ENGLAND row, below which
        a class breakdown table repeats the Greater London Authority.
      - RO4 housing and RO5 environmental (assumed xlsx layout, RA line numbers): not in the shared
        data folder, so empty there.
    The year comes from the sheet name ("RO3_LA_Data_2022-23", "RO3_LA_Data_202425"). Two releases
    of one form and year keep the later one, the file name that sorts last.
-#}
{%- set form_lines = [] -%}
{%- for form in ['RO3', 'RO4', 'RO5'] -%}
    {%- for line in la_finance_ro_lines(form) -%}
        {%- do form_lines.append([form] + line) -%}
    {%- endfor -%}
{%- endfor -%}
{%- set ids = ['ecode', 'published_ons_code', 'authority_name', 'authority_class', 'period', 'source_file',
               'source_row_number'] -%}

with

source_ro3 as (
    select * from {{ source('la_finance', 'mhclg_ro_detail__ro3_social_care') }}
),

source_ro4 as (
    select * from {{ source('la_finance', 'mhclg_ro_detail__ro4_housing') }}
),

source_ro5 as (
    select * from {{ source('la_finance', 'mhclg_ro_detail__ro5_environmental') }}
),

ro3_table_ends as (
    -- the RO3 authority table ends at the ENGLAND row (E-code 'Eng')
    select
        _source_file,
        min(_row_number) as england_row_number
    from source_ro3
    where trim(e_code) = 'Eng'
    group by _source_file
),

renamed_ro3 as (
    select
        {%- for line in la_finance_ro_lines('RO3') %}
            source_ro3.{{ line[1] }},
        {%- endfor %}
        trim(source_ro3.e_code) as ecode,
        trim(source_ro3.ons_code) as published_ons_code,
        trim(source_ro3.local_authority) as authority_name,
        trim(source_ro3.class) as authority_class,
        {{ financial_year_label('2000 + cast(right(trim(source_ro3._sheet), 2) as integer)') }} as period,
        source_ro3._source_file as source_file,
        source_ro3._row_number as source_row_number
    from source_ro3
    left join ro3_table_ends on source_ro3._source_file = ro3_table_ends._source_file
    where
        trim(source_ro3.e_code) like 'E____'
        and (
            ro3_table_ends.england_row_number is null
            or source_ro3._row_number < ro3_table_ends.england_row_number
        )
),

renamed_ro4 as (
    select
        {%- for line in la_finance_ro_lines('RO4') %}
            {{ line[1] }},
        {%- endfor %}
        trim(e_code) as ecode,
        trim(ons_code) as published_ons_code,
        trim(local_authority) as authority_name,
        trim(class) as authority_class,
        {{ financial_year_label('2000 + cast(right(trim(_sheet), 2) as integer)') }} as period,
        _source_file as source_file,
        _row_number as source_row_number
    from source_ro4
    -- reporting bodies only: class totals, notes and source rows have no E-code
    where trim(e_code) like 'E____'
),

renamed_ro5 as (
    select
        {%- for line in la_finance_ro_lines('RO5') %}
            {{ line[1] }},
        {%- endfor %}
        trim(e_code) as ecode,
        trim(ons_code) as published_ons_code,
        trim(local_authority) as authority_name,
        trim(class) as authority_class,
        {{ financial_year_label('2000 + cast(right(trim(_sheet), 2) as integer)') }} as period,
        _source_file as source_file,
        _row_number as source_row_number
    from source_ro5
    -- reporting bodies only: class totals, notes and source rows have no E-code
    where trim(e_code) like 'E____'
),

unpivoted_ro3 as (
    {{ unpivot_columns(
        'renamed_ro3', ids, la_finance_line_columns('RO3'), name_column='line_code', value_column='value_text'
    ) }}
),

unpivoted_ro4 as (
    {{ unpivot_columns(
        'renamed_ro4', ids, la_finance_line_columns('RO4'), name_column='line_code', value_column='value_text'
    ) }}
),

unpivoted_ro5 as (
    {{ unpivot_columns(
        'renamed_ro5', ids, la_finance_line_columns('RO5'), name_column='line_code', value_column='value_text'
    ) }}
),

unpivoted as (
    select
        'RO3' as return_type,
        unpivoted_ro3.*
    from unpivoted_ro3
    union all
    select
        'RO4' as return_type,
        unpivoted_ro4.*
    from unpivoted_ro4
    union all
    select
        'RO5' as return_type,
        unpivoted_ro5.*
    from unpivoted_ro5
),

cleaned as (
    select
        case
            -- North Yorkshire County Council (E-code E2721; some returns publish E10000022)
            when ecode = 'E2721' then 'E10000023'
            else {{ normalise_authority_code('published_ons_code') }}
        end as authority_code,
        ecode,
        authority_name,
        authority_class,
        period,
        {{ financial_year_end('period') }} as period_end_year,
        return_type,
        line_code,
        case
            {%- for line in form_lines %}
                when return_type = '{{ line[0] }}' and line_code = '{{ line[1] }}'
                    then '{{ line[3] | replace("'", "''") }}'
            {%- endfor %}
        end as line_label,
        {{ parse_number('value_text') }} as value_gbp_k,
        {{ la_finance_is_suppressed('value_text') }} as is_suppressed,
        source_file,
        source_row_number,
        return_type as source_form,
        published_ons_code,
        row_number() over (
            partition by ecode, period, return_type, line_code
            order by source_file desc
        ) as source_rank
    from unpivoted
),

final as (
    select
        authority_code,
        ecode,
        authority_name,
        authority_class,
        period,
        period_end_year,
        return_type,
        line_code,
        line_label,
        value_gbp_k,
        is_suppressed,
        source_file,
        source_row_number,
        source_form,
        published_ons_code
    from cleaned
    where source_rank = 1
)

select * from final
