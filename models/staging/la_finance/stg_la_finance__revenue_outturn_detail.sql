{#-
    Detailed Revenue Outturn forms, net current expenditure, long: one row per reporting body
    (E-code), financial year, form and line (`ro3_lines`, `ro4_lines`, `ro5_lines` below: line number,
    raw column, published line label).
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
{%- set ro3_lines = [
    ['10', 'col_10_7', "Children's social care: Sure start children's centres and early years"],
    ['13', 'col_13_7', "Children's social care - Children Looked After"],
    ['161', 'col_161_7', "Children's social care - Children Looked After of which residential care"],
    ['17', 'col_17_7', "Children's social care - Children Looked After of which fostering services"],
    ['18', 'col_18_7', "Children's social care - Children Looked After of which asylum seeking children who are looked after"],
    ['19', 'col_19_7', "Children's social care - Children Looked After of which other"],
    ['15', 'col_15_7', "Children's social care - Other children's and families services"],
    ['22', 'col_22_7', "Children's social care - Family Support Services"],
    ['23', 'col_23_7', "Children's social care - Youth Justice"],
    ['25', 'col_25_7', "Children's social care: Safeguarding children and young people's services"],
    ['26', 'col_26_7', "Children's social care - Asylum Seekers"],
    ['27', 'col_27_7', "Children's social care: Services for young people"],
    ['30', 'col_30_7', 'TOTAL CHILDREN SOCIAL CARE'],
    ['32', 'col_32_7', 'Physical support - adults (18-64)'],
    ['33', 'col_33_7', 'Physical support - older people (65+)'],
    ['34', 'col_34_7', 'Sensory support - adults (18-64)'],
    ['35', 'col_35_7', 'Sensory support - older people (65+)'],
    ['36', 'col_36_7', 'Support with memory and cognition - adults (18-64)'],
    ['37', 'col_37_7', 'Support with memory and cognition - older people (65+)'],
    ['40', 'col_40_7', 'Learning disability support - adults (18-64)'],
    ['41', 'col_41_7', 'Learning disability support - older people (65+)'],
    ['44', 'col_44_7', 'Mental health support - adults (18-64)'],
    ['45', 'col_45_7', 'Mental health support - older people (65+)'],
    ['48', 'col_48_7', 'Social support: Substance misuse support'],
    ['49', 'col_49_7', 'Social support: Asylum seeker support'],
    ['51', 'col_51_7', 'Social support: Social Isolation'],
    ['50', 'col_50_7', 'Social support: Support for carer'],
    ['38', 'col_38_7', 'Social support: Support for carer - adults (18-64)'],
    ['39', 'col_39_7', 'Social support: Support for carer - older people (65+)'],
    ['53', 'col_53_7', 'Assistive equipment and technology'],
    ['42', 'col_42_7', 'Subcategory: Assistive equipment and technology - adults (18-64)'],
    ['43', 'col_43_7', 'Subcategory: Assistive equipment and technology - older people (65+)'],
    ['54', 'col_54_7', 'Care assessment and safeguarding'],
    ['46', 'col_46_7', 'Subcategory: Care assessment and safeguarding - adults (18-64)'],
    ['47', 'col_47_7', 'Subcategory: Care assessment and safeguarding - older people (65+)'],
    ['55', 'col_55_7', 'Information and early intervention'],
    ['52', 'col_52_7', 'Subcategory: Information and early intervention - adults (18-64)'],
    ['57', 'col_57_7', 'Subcategory: Information and early intervention - older people (65+)'],
    ['56', 'col_56_7', 'Commissioning, strategy and admin support'],
    ['58', 'col_58_7', 'Subcategory: Commissioning, strategy and admin support - adults (18-64)'],
    ['59', 'col_59_7', 'Subcategory: Commissioning, strategy and admin support - older people (65+)'],
    ['60', 'col_60_7', 'TOTAL ADULT SOCIAL CARE'],
    ['90', 'col_90_7', 'TOTAL PUBLIC HEALTH'],
] -%}
{%- set ro4_lines = [
    ['440', 'col_440_homelessness', 'Homelessness'],
    ['490', 'col_490_total_housing_services_gfra_only', 'TOTAL HOUSING SERVICES (GFRA only)'],
] -%}
{%- set ro5_lines = [
    ['581', 'col_581_waste_collection', 'Waste collection'],
    ['582', 'col_582_waste_disposal', 'Waste disposal'],
    ['583', 'col_583_trade_waste', 'Trade waste'],
    ['584', 'col_584_recycling', 'Recycling'],
    ['585', 'col_585_waste_minimisation', 'Waste minimisation'],
    ['590', 'col_590_total_environmental_and_regulatory_services', 'TOTAL ENVIRONMENTAL AND REGULATORY SERVICES'],
] -%}
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
        {%- for line in ro3_lines %}
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
        {%- for line in ro4_lines %}
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
        {%- for line in ro5_lines %}
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

-- each form's lines (line number, raw column, published label), and its rows unpivoted in one pass:
-- every authority row with every line, each line picking its own column (value_rows)
lines_ro3 as (
    {{ value_rows(['line_code', 'raw_column', 'line_label'], ro3_lines) }}
),

unpivoted_ro3 as (
    select
        'RO3' as return_type,
        renamed_ro3.ecode,
        renamed_ro3.published_ons_code,
        renamed_ro3.authority_name,
        renamed_ro3.authority_class,
        renamed_ro3.period,
        renamed_ro3.source_file,
        renamed_ro3.source_row_number,
        lines_ro3.line_code,
        lines_ro3.line_label,
        case lines_ro3.line_code
            {%- for line in ro3_lines %}
                when '{{ line[0] }}' then cast(renamed_ro3.{{ line[1] }} as {{ type_varchar() }})
            {%- endfor %}
        end as value_text
    from renamed_ro3
    cross join lines_ro3
),

lines_ro4 as (
    {{ value_rows(['line_code', 'raw_column', 'line_label'], ro4_lines) }}
),

unpivoted_ro4 as (
    select
        'RO4' as return_type,
        renamed_ro4.ecode,
        renamed_ro4.published_ons_code,
        renamed_ro4.authority_name,
        renamed_ro4.authority_class,
        renamed_ro4.period,
        renamed_ro4.source_file,
        renamed_ro4.source_row_number,
        lines_ro4.line_code,
        lines_ro4.line_label,
        case lines_ro4.line_code
            {%- for line in ro4_lines %}
                when '{{ line[0] }}' then cast(renamed_ro4.{{ line[1] }} as {{ type_varchar() }})
            {%- endfor %}
        end as value_text
    from renamed_ro4
    cross join lines_ro4
),

lines_ro5 as (
    {{ value_rows(['line_code', 'raw_column', 'line_label'], ro5_lines) }}
),

unpivoted_ro5 as (
    select
        'RO5' as return_type,
        renamed_ro5.ecode,
        renamed_ro5.published_ons_code,
        renamed_ro5.authority_name,
        renamed_ro5.authority_class,
        renamed_ro5.period,
        renamed_ro5.source_file,
        renamed_ro5.source_row_number,
        lines_ro5.line_code,
        lines_ro5.line_label,
        case lines_ro5.line_code
            {%- for line in ro5_lines %}
                when '{{ line[0] }}' then cast(renamed_ro5.{{ line[1] }} as {{ type_varchar() }})
            {%- endfor %}
        end as value_text
    from renamed_ro5
    cross join lines_ro5
),

unpivoted as (
    select * from unpivoted_ro3
    union all
    select * from unpivoted_ro4
    union all
    select * from unpivoted_ro5
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
        line_label,
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
