{#-
    Revenue Account (RA) budget, one row per reporting body (E-code), financial year and RA line.
    Three published layouts are stacked: the 2016-17 workbook (no ONS code column), the workbooks
    from 2017-18 on (year from the sheet name) and the BBC's CSV export of RA 2017-18 (identifier
    columns prefixed `na_`, blanks written 'NA'). Where an original workbook and the CSV export
    hold the same year, the workbook is kept. Cleaning shared with the other la_finance models:
    macros/finance/la_finance_staging.sql.
-#}
{%- set lines = la_finance_ra_lines() -%}

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
        {%- for line in lines %}
            {{ line[1] }},
        {%- endfor %}
        {{ la_finance_authority_columns("'2016-17'", 1, has_ons_code=false) }}
    from source_no_ons_code

    union all

    select
        {%- for line in lines %}
            {{ line[1] }},
        {%- endfor %}
        {{ la_finance_authority_columns('right(trim(_sheet), 7)', 1) }}
    from source_with_ons_code

    union all

    select
        {%- for line in lines %}
            {{ line[1] }},
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
    {{ la_finance_unpivot_lines('authorities', 'RA') }}
),

cleaned as (
    select
        {{ la_finance_line_values(['RA']) }},
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
