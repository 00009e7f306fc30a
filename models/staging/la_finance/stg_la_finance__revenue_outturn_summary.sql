{#-
    Revenue outturn summary, long: one row per reporting body (E-code), financial year and service
    line (190 ... 599 service totals, 699 total service expenditure), net current expenditure.

    Three raw tables, each renamed to the same `line_<number>` columns before one unpivot:
      - RS workbooks to 2017-18 (source_form 'RS'): the loader names a line's column after its
        line number and label (col_330_children_social_care);
      - RSX Service Expenditure Summary from 2022-23 (source_form 'RSX'): C7, net current
        expenditure, of each line, landed as col_<line>_7 (2022-23/2023-24 from the hidden line and
        column number rows, 2024-25 from its header texts through the registry's column_aliases).
        Only the authority table is read: it ends at the ENGLAND row, below which a class
        breakdown table repeats the Greater London Authority;
      - the BBC's processed roall.csv (source_form 'RS'; `year` = END year of the financial year;
        upper tier only; no line 699).
    The year of a workbook comes from its sheet name ("RS LA Data 2016-17", "RSX_LA_Data_202425").
    Overlaps: the same year and line in an original workbook and roall.csv (2016-17) keeps the
    workbook (source_priority); two releases of one year keep the later one, the file name that
    sorts last (e.g. a "_rev" file after the first release).
-#}
{#- [line number, raw column, published line label]: the lines of roall.csv, then the RS lines (the same plus
    699); RSX lands line <n> as col_<n>_7 -#}
{%- set roall_lines = [
    ['190', 'col_190_education_services', 'Education services'],
    ['290', 'col_290_highways_and_transport_services', 'Highways and transport services'],
    ['330', 'col_330_children_social_care', 'Children Social Care'],
    ['360', 'col_360_adult_social_care', 'Adult Social Care'],
    ['390', 'col_390_public_health', 'Public Health'],
    ['490', 'col_490_housing_services_gfra_only', 'Housing services (GFRA only)'],
    ['509', 'col_509_cultural_and_related_services', 'Cultural and related services'],
    ['590', 'col_590_environmental_and_regulatory_services', 'Environmental and regulatory services'],
    ['599', 'col_599_planning_and_development_services', 'Planning and development services'],
] -%}
{%- set rs_lines = roall_lines + [
    ['699', 'col_699_total_service_expenditure_total_of_lines_190_to_698',
        'TOTAL SERVICE EXPENDITURE (total of lines 190 to 698)'],
] -%}

with

source_rs as (
    select * from {{ source('la_finance', 'mhclg_rs_outturn__rs_outturn') }}
),

source_rsx as (
    select * from {{ source('la_finance', 'mhclg_rs_outturn__rsx_outturn') }}
),

source_roall as (
    select * from {{ source('la_finance', 'bbc_roall__roall') }}
),

rsx_table_ends as (
    -- the RSX authority table ends at the ENGLAND row (E-code 'Eng')
    select
        _source_file,
        min(_row_number) as england_row_number
    from source_rsx
    where trim(e_code) = 'Eng'
    group by _source_file
),

renamed as (
    select
        {%- for line in rs_lines %}
            {{ line[1] }} as line_{{ line[0] }},
        {%- endfor %}
        trim(e_code) as ecode,
        trim(ons_code) as published_ons_code,
        trim(local_authority) as authority_name,
        trim(class) as authority_class,
        {{ financial_year_label('2000 + cast(right(trim(_sheet), 2) as integer)') }} as period,
        'RS' as source_form,
        1 as source_priority,
        _source_file as source_file,
        _row_number as source_row_number
    from source_rs

    union all

    select
        {%- for line in rs_lines %}
            source_rsx.col_{{ line[0] }}_7 as line_{{ line[0] }},
        {%- endfor %}
        trim(source_rsx.e_code) as ecode,
        trim(source_rsx.ons_code) as published_ons_code,
        trim(source_rsx.local_authority) as authority_name,
        trim(source_rsx.class) as authority_class,
        {{ financial_year_label('2000 + cast(right(trim(source_rsx._sheet), 2) as integer)') }} as period,
        'RSX' as source_form,
        1 as source_priority,
        source_rsx._source_file as source_file,
        source_rsx._row_number as source_row_number
    from source_rsx
    left join rsx_table_ends on source_rsx._source_file = rsx_table_ends._source_file
    where
        rsx_table_ends.england_row_number is null
        or source_rsx._row_number < rsx_table_ends.england_row_number

    union all

    select
        {%- for line in roall_lines %}
            {{ line[1] }} as line_{{ line[0] }},
        {%- endfor %}
        cast(null as {{ type_varchar() }}) as line_699,
        trim(e_code) as ecode,
        trim(ons_code) as published_ons_code,
        trim(local_authority) as authority_name,
        trim(class) as authority_class,
        {{ financial_year_label(cast_or_null('trim(year)', 'integer')) }} as period,
        'RS' as source_form,
        2 as source_priority,
        _source_file as source_file,
        _row_number as source_row_number
    from source_roall
),

authorities as (
    -- reporting bodies only: class totals, notes and source rows have no E-code
    select * from renamed
    where ecode like 'E____'
),

-- the lines read: line number, raw column (of the RS workbooks), published label
lines as (
    {{ value_rows(['line_code', 'raw_column', 'line_label'], rs_lines) }}
),

unpivoted as (
    -- one pass: every authority row with every line, each line picking its own column (value_rows)
    select
        authorities.ecode,
        authorities.published_ons_code,
        authorities.authority_name,
        authorities.authority_class,
        authorities.period,
        authorities.source_form,
        authorities.source_priority,
        authorities.source_file,
        authorities.source_row_number,
        lines.line_code,
        lines.line_label,
        case lines.line_code
            {%- for line in rs_lines %}
                when '{{ line[0] }}' then cast(authorities.line_{{ line[0] }} as {{ type_varchar() }})
            {%- endfor %}
        end as value_text
    from authorities
    cross join lines
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
        'RS' as return_type,
        line_code,
        line_label,
        {{ parse_number('value_text') }} as value_gbp_k,
        {{ la_finance_is_suppressed('value_text') }} as is_suppressed,
        source_file,
        source_row_number,
        source_form,
        published_ons_code,
        row_number() over (
            partition by ecode, period, line_code
            order by source_priority asc, source_file desc
        ) as source_rank
    from unpivoted
    -- roall.csv has no line 699: its all-null placeholder rows are not data
    where not (source_priority = 2 and line_code = '699')
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
