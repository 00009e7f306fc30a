{#-
    Detailed Revenue Outturn forms RO3 (social care), RO4 (housing) and RO5 (environmental and
    regulatory): net current expenditure, one row per reporting body (E-code), financial year
    (from the sheet name), form and line. Not in the shared data folder: empty there. Cleaning
    shared with the other la_finance models: macros/finance/la_finance_staging.sql.
-#}
{%- set id_columns = ['e_code', 'ons_code', 'local_authority', 'class', '_sheet', '_source_file', '_row_number'] -%}

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

unpivoted_ro3 as (
    {{ la_finance_unpivot_lines('source_ro3', 'RO3', id_columns) }}
),

unpivoted_ro4 as (
    {{ la_finance_unpivot_lines('source_ro4', 'RO4', id_columns) }}
),

unpivoted_ro5 as (
    {{ la_finance_unpivot_lines('source_ro5', 'RO5', id_columns) }}
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

renamed as (
    select
        trim(e_code) as ecode,
        trim(ons_code) as published_ons_code,
        trim(local_authority) as authority_name,
        trim(class) as authority_class,
        right(trim(_sheet), 7) as period,
        return_type,
        line_code,
        value_text,
        _source_file as source_file,
        _row_number as source_row_number
    from unpivoted
    where trim(e_code) like 'E____'
),

final as (
    select
        {{ la_finance_line_values(['RO3', 'RO4', 'RO5']) }}
    from renamed
)

select * from final
