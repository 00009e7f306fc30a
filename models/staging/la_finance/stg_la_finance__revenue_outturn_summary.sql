{#-
    Revenue Outturn Summary (RS), one row per reporting body (E-code), financial year and RS line.
    Stacks the original RS workbooks (year from the sheet name) and the BBC's processed roall.csv
    (`year` = END year of the financial year; upper tier only; no line 699). Where both hold the
    same year and line (2016-17), the original workbook is kept. Cleaning shared with the other
    la_finance models: macros/finance/la_finance_staging.sql.
-#}

with

source_workbooks as (
    select * from {{ source('la_finance', 'mhclg_rs_outturn__rs_outturn') }}
),

source_roall as (
    select * from {{ source('la_finance', 'bbc_roall__roall') }}
),

renamed as (
    select
        {%- for line in la_finance_rs_lines() %}
            {{ line[1] }},
        {%- endfor %}
        {{ la_finance_authority_columns('right(trim(_sheet), 7)', 1) }}
    from source_workbooks

    union all

    select
        {%- for line in la_finance_roall_lines() %}
            {{ line[1] }},
        {%- endfor %}
        cast(null as {{ type_varchar() }}) as col_699_total_service_expenditure_total_of_lines_190_to_698,
        {{ la_finance_authority_columns(financial_year_label(safe_cast('trim(year)', 'integer')), 2) }}
    from source_roall
),

authorities as (
    -- reporting bodies only: class total, notes and source rows have no E-code
    select * from renamed
    where ecode like 'E____'
),

unpivoted as (
    {{ la_finance_unpivot_lines('authorities', 'RS') }}
),

cleaned as (
    select
        {{ la_finance_line_values(['RS']) }},
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
