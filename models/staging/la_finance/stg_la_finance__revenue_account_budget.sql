{#-
    Revenue Account (RA) budget, long: one row per reporting body (E-code), financial year and RA
    line read (`ra_lines` below: line number, raw column, published line label).

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
{%- set ra_lines = [
    ['330', 'col_330_total_children_s_social_care', "TOTAL CHILDREN'S SOCIAL CARE"],
    ['332', 'col_332_physical_support_adults_18_64', 'Physical support - adults (18-64)'],
    ['333', 'col_333_physical_support_older_people_65', 'Physical support - older people (65+)'],
    ['334', 'col_334_sensory_support_adults_18_64', 'Sensory support - adults (18-64)'],
    ['335', 'col_335_sensory_support_older_people_65', 'Sensory support - older people (65+)'],
    ['336', 'col_336_support_with_memory_and_cognition_adults_18_64', 'Support with memory and cognition - adults (18-64)'],
    ['337', 'col_337_support_with_memory_and_cognition_older_people_65', 'Support with memory and cognition - older people (65+)'],
    ['340', 'col_340_learning_disability_support_adults_18_64', 'Learning disability support - adults (18-64)'],
    ['341', 'col_341_learning_disability_support_older_people_65', 'Learning disability support - older people (65+)'],
    ['344', 'col_344_mental_health_support_adults_18_64', 'Mental health support - adults (18-64)'],
    ['345', 'col_345_mental_health_support_older_people_65', 'Mental health support - older people (65+)'],
    ['348', 'col_348_social_support_substance_misuse_support', 'Social support: Substance misuse support'],
    ['349', 'col_349_social_support_asylum_seeker_support', 'Social support: Asylum seeker support'],
    ['350', 'col_350_social_support_support_for_carer', 'Social support: Support for carer'],
    ['351', 'col_351_social_support_social_isolation', 'Social support: Social Isolation'],
    ['353', 'col_353_assistive_equipment_and_technology', 'Assistive equipment and technology'],
    ['354', 'col_354_social_care_activities', 'Social care activities'],
    ['355', 'col_355_information_and_early_intervention', 'Information and early intervention'],
    ['356', 'col_356_commissioning_and_service_delivery', 'Commissioning and service delivery'],
    ['360', 'col_360_total_adult_social_care', 'TOTAL ADULT SOCIAL CARE'],
    ['440', 'col_440_homelessness', 'Homelessness'],
    ['490', 'col_490_total_housing_services_gfra_only', 'TOTAL HOUSING SERVICES (GFRA only)'],
    ['570', 'col_570_street_cleansing_not_chargeable_to_highways', 'Street cleansing (not chargeable to Highways)'],
    ['581', 'col_581_waste_collection', 'Waste collection'],
    ['582', 'col_582_waste_disposal', 'Waste disposal'],
    ['583', 'col_583_trade_waste', 'Trade waste'],
    ['584', 'col_584_recycling', 'Recycling'],
    ['585', 'col_585_waste_minimisation', 'Waste minimisation'],
    ['590', 'col_590_total_environmental_and_regulatory_services', 'TOTAL ENVIRONMENTAL AND REGULATORY SERVICES'],
    ['799', 'col_799_total_service_expenditure', 'TOTAL SERVICE EXPENDITURE'],
    ['824', 'col_824_waste_disposal_authority_levy', 'Waste Disposal Authority levy'],
] -%}

with

source_workbooks as (
    select * from {{ source('la_finance', 'mhclg_ra_budget__ra_budget') }}
),

source_csv_export as (
    select * from {{ source('la_finance', 'mhclg_ra_budget__ra_budget_2017_18_csv_export') }}
),

renamed as (
    select
        {%- for line in ra_lines %}
            {{ line[1] }},
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
        {%- for line in ra_lines %}
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
    -- reporting bodies only: class totals, notes and source rows have no E-code
    select * from renamed
    where ecode like 'E____'
),

-- the lines read: line number, raw column, published label
lines as (
    {{ value_rows(['line_code', 'raw_column', 'line_label'], ra_lines) }}
),

unpivoted as (
    -- one pass: every authority row with every line, each line picking its own column (value_rows)
    select
        authorities.ecode,
        authorities.published_ons_code,
        authorities.authority_name,
        authorities.authority_class,
        authorities.period,
        authorities.source_priority,
        authorities.source_file,
        authorities.source_row_number,
        lines.line_code,
        lines.line_label,
        case lines.line_code
            {%- for line in ra_lines %}
                when '{{ line[0] }}' then cast(authorities.{{ line[1] }} as {{ type_varchar() }})
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
        'RA' as return_type,
        line_code,
        line_label,
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
