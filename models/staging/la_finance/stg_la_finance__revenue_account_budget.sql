{#-
    Revenue Account (RA) budget, long: one row per reporting body (E-code), financial year and RA
    line read (macros/finance/la_finance_lines.sql: la_finance_ra_lines).

    Lines are matched on their line numbers: the loader names the column of RA line 330
    `col_330_total_children_s_social_care` from the line-number and label header rows wherever it
    sits in the sheet (RA 2020-21 puts five COVID columns before the lines), so the same column
    list reads every RA release.

    Two raw tables are stacked: the RA workbooks (2016-17 has no ONS code column: its ons_code is
    null; the year comes from the sheet name, "RA LA Data 2016-17" or "RA_LA_Data_2021-22") and
    the BBC's CSV export of RA 2017-18 (identifier columns prefixed `na_`, blanks written 'NA').
    Overlaps: a year held by a workbook and the CSV export keeps the workbook (source_priority);
    two workbooks of one year (a revised release, e.g. RA_2020-21_data_by_LA_rev.xlsx) keep the
    later release, the file name that sorts last.
-#}
{%- set line_columns = la_finance_line_columns('RA') -%}

with

source_workbooks as (
    select * from {{ source('la_finance', 'mhclg_ra_budget__ra_budget') }}
),

source_csv_export as (
    select * from {{ source('la_finance', 'mhclg_ra_budget__ra_budget_2017_18_csv_export') }}
),

renamed as (
    select
        {%- for line in line_columns %}
            {{ line[0] }},
        {%- endfor %}
        trim(e_code) as ecode,
        trim(ons_code) as published_ons_code,
        trim(local_authority) as authority_name,
        trim(class) as authority_class,
        {{ financial_year_label('2000 + cast(right(trim(_sheet), 2) as integer)') }} as period,
        1 as source_priority,
        _source_file as source_file,
        _row_number as source_row_number
    from source_workbooks

    union all

    select
        {%- for line in line_columns %}
            {{ line[0] }},
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
    -- reporting bodies only: class totals, notes and source rows have no E-code
    select * from renamed
    where ecode like 'E____'
),

unpivoted as (
    {{ unpivot_columns(
        'authorities',
        ['ecode', 'published_ons_code', 'authority_name', 'authority_class', 'period', 'source_priority',
         'source_file', 'source_row_number'],
        line_columns,
        name_column='line_code',
        value_column='value_text'
    ) }}
),

cleaned as (
    select
        case
            -- North Yorkshire County Council: RS 2017-18 and roall 2015-16 publish E10000022
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
            {%- for line in la_finance_ra_lines() %}
                when '{{ line[0] }}' then '{{ line[2] | replace("'", "''") }}'
            {%- endfor %}
        end as line_label,
        {{ parse_number('value_text') }} as value_gbp_k,
        {{ la_finance_is_suppressed('value_text') }} as is_suppressed,
        source_file,
        source_row_number,
        'RA' as source_form,
        published_ons_code,
        row_number() over (
            partition by ecode, period, line_code
            order by source_priority asc, source_file desc
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
