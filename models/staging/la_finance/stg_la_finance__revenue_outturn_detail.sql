{#-
    Detailed Revenue Outturn forms RO3 (social care), RO4 (housing) and RO5 (environmental and
    regulatory): net current expenditure, one row per reporting body (E-code), financial year
    (from the sheet name), form and line. Not in the shared data folder: empty there.
-#}
{%- set id_columns = ['e_code', 'ons_code', 'local_authority', 'class', '_sheet', '_source_file', '_row_number'] -%}
{%- set ro3_columns = [] -%}
{%- set ro4_columns = [] -%}
{%- set ro5_columns = [] -%}
{%- for line in la_finance_ro_lines('RO3') %}{% do ro3_columns.append([line[1], line[0]]) %}{% endfor -%}
{%- for line in la_finance_ro_lines('RO4') %}{% do ro4_columns.append([line[1], line[0]]) %}{% endfor -%}
{%- for line in la_finance_ro_lines('RO5') %}{% do ro5_columns.append([line[1], line[0]]) %}{% endfor -%}
{%- set all_lines = [] -%}
{%- for form in ['RO3', 'RO4', 'RO5'] -%}
    {%- for line in la_finance_ro_lines(form) %}{% do all_lines.append([form, line[0], line[2]]) %}{% endfor -%}
{%- endfor -%}

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
    {{ unpivot_columns('source_ro3', id_columns, ro3_columns, name_column='line_code', value_column='value_text') }}
),

unpivoted_ro4 as (
    {{ unpivot_columns('source_ro4', id_columns, ro4_columns, name_column='line_code', value_column='value_text') }}
),

unpivoted_ro5 as (
    {{ unpivot_columns('source_ro5', id_columns, ro5_columns, name_column='line_code', value_column='value_text') }}
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
        case
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
            {%- for line in all_lines %}
                when return_type = '{{ line[0] }}' and line_code = '{{ line[1] }}'
                    then '{{ line[2] | replace("'", "''") }}'
            {%- endfor %}
        end as line_label,
        {{ parse_number('value_text') }} as value_gbp_k,
        ({{ is_suppressed('value_text') }} or trim(value_text) = '{{ la_finance_ellipsis_marker() }}')
            as is_suppressed,
        source_file,
        source_row_number
    from renamed
)

select * from final
