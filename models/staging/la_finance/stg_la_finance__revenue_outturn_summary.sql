{#-
    Revenue Outturn Summary (RS), one row per reporting body (E-code), financial year and RS line.
    Stacks the original RS workbooks (year from the sheet name) and the BBC's processed roall.csv
    (`year` = END year of the financial year; upper tier only; no line 699). Where both hold the
    same year and line (2016-17), the original workbook is kept.
-#}
{%- set rs_lines = la_finance_rs_lines() -%}
{%- set roall_lines = la_finance_roall_lines() -%}
{%- set column_codes = [] -%}
{%- for line in rs_lines %}{% do column_codes.append([line[1], line[0]]) %}{% endfor -%}

{%- set id_columns = ['ecode', 'published_ons_code', 'authority_name', 'authority_class', 'period',
                      'source_priority', 'source_file', 'source_row_number'] -%}

with

source_workbooks as (
    select * from {{ source('la_finance', 'mhclg_rs_outturn__rs_outturn') }}
),

source_roall as (
    select * from {{ source('la_finance', 'bbc_roall__roall') }}
),

renamed as (
    select
        {%- for line in rs_lines %}
            {{ line[1] }},
        {%- endfor %}
        trim(e_code) as ecode,
        trim(ons_code) as published_ons_code,
        trim(local_authority) as authority_name,
        trim(class) as authority_class,
        right(trim(_sheet), 7) as period,
        1 as source_priority,
        _source_file as source_file,
        _row_number as source_row_number
    from source_workbooks

    union all

    select
        {%- for line in roall_lines %}
            {{ line[1] }},
        {%- endfor %}
        cast(null as {{ type_varchar() }}) as col_699_total_service_expenditure_total_of_lines_190_to_698,
        trim(e_code) as ecode,
        trim(ons_code) as published_ons_code,
        trim(local_authority) as authority_name,
        trim(class) as authority_class,
        {{ financial_year_label(safe_cast('trim(year)', 'integer')) }} as period,
        2 as source_priority,
        _source_file as source_file,
        _row_number as source_row_number
    from source_roall
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
        'RS' as return_type,
        line_code,
        case line_code
            {%- for line in rs_lines %}
                when '{{ line[0] }}' then '{{ line[2] | replace("'", "''") }}'
            {%- endfor %}
        end as line_label,
        {{ parse_number('value_text') }} as value_gbp_k,
        ({{ is_suppressed('value_text') }} or trim(value_text) = '{{ la_finance_ellipsis_marker() }}')
            as is_suppressed,
        source_file,
        source_row_number,
        source_priority
    from unpivoted
),

ranked as (
    select
        cleaned.*,
        row_number() over (
            partition by cleaned.ecode, cleaned.period, cleaned.line_code
            order by cleaned.source_priority, cleaned.source_file
        ) as source_rank
    from cleaned
    -- roall has no line 699: its all-null placeholder rows are not data
    where not (cleaned.source_priority = 2 and cleaned.line_code = '699')
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
    from ranked
    where source_rank = 1
)

select * from final
