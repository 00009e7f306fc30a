{#-
    Revenue Account (RA) budget, one row per reporting body (E-code), financial year and RA line.
    Three published layouts are stacked: the 2016-17 workbook (no ONS code column), the workbooks
    from 2017-18 on (year from the sheet name) and the BBC's CSV export of RA 2017-18 (identifier
    columns prefixed `na_`, blanks written 'NA'). Where an original workbook and the CSV export
    hold the same year, the workbook is kept.
-#}
{%- set lines = la_finance_ra_lines() -%}
{%- set line_columns = [] -%}
{%- set column_codes = [] -%}
{%- for line in lines -%}
    {%- do line_columns.append(line[1]) -%}
    {%- do column_codes.append([line[1], line[0]]) -%}
{%- endfor -%}

{%- set id_columns = ['ecode', 'published_ons_code', 'authority_name', 'authority_class', 'period',
                      'source_priority', 'source_file', 'source_row_number'] -%}

with

source_no_ons_code as (
    select * from {{ source('la_finance', 'mhclg_ra_budget__ra_budget_no_ons_code') }}
),

source_with_ons_code as (
    select * from {{ source('la_finance', 'mhclg_ra_budget__ra_budget') }}
),

source_csv_export as (
    select * from {{ source('la_finance', 'mhclg_ra_budget__ra_budget_2017_18_csv_export') }}
),

renamed as (
    select
        {%- for column in line_columns %}
            {{ column }},
        {%- endfor %}
        trim(e_code) as ecode,
        cast(null as {{ type_varchar() }}) as published_ons_code,
        trim(local_authority) as authority_name,
        trim(class) as authority_class,
        '2016-17' as period,
        1 as source_priority,
        _source_file as source_file,
        _row_number as source_row_number
    from source_no_ons_code

    union all

    select
        {%- for column in line_columns %}
            {{ column }},
        {%- endfor %}
        trim(e_code) as ecode,
        trim(ons_code) as published_ons_code,
        trim(local_authority) as authority_name,
        trim(class) as authority_class,
        right(trim(_sheet), 7) as period,
        1 as source_priority,
        _source_file as source_file,
        _row_number as source_row_number
    from source_with_ons_code

    union all

    select
        {%- for column in line_columns %}
            {{ column }},
        {%- endfor %}
        nullif(trim(na_e_code), 'NA') as ecode,
        nullif(trim(na_ons_code), 'NA') as published_ons_code,
        nullif(trim(na_local_authority), 'NA') as authority_name,
        nullif(trim(na_class), 'NA') as authority_class,
        '2017-18' as period,
        2 as source_priority,
        _source_file as source_file,
        _row_number as source_row_number
    from source_csv_export
),

authorities as (
    -- reporting bodies only: class total, notes and source rows have no E-code
    select * from renamed
    where ecode like 'E____'
),

unpivoted as (
    {{ unpivot_columns('authorities', id_columns, column_codes, name_column='line_code', value_column='value_text') }}
),

cleaned as (
    select
        case
            when ecode = 'E2721' then 'E10000023'
            else {{ normalise_authority_code('published_ons_code') }}
        end as authority_code,
        ecode,
        authority_name,
        authority_class,
        period,
        {{ financial_year_end('period') }} as period_end_year,
        'RA' as return_type,
        line_code,
        case line_code
            {%- for line in lines %}
                when '{{ line[0] }}' then '{{ line[2] | replace("'", "''") }}'
            {%- endfor %}
        end as line_label,
        {{ parse_number('value_text') }} as value_gbp_k,
        ({{ is_suppressed('value_text') }} or trim(value_text) = '{{ la_finance_ellipsis_marker() }}')
            as is_suppressed,
        source_file,
        source_row_number,
        row_number() over (
            partition by ecode, period, line_code
            order by source_priority, source_file
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
        source_row_number
    from cleaned
    where source_rank = 1
)

select * from final
