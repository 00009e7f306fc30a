{#-
    The MHCLG revenue account lines read by models/staging/la_finance: lists of
    [line number, raw column name, published line label]. The raw column of a line is named by the
    loader after the line number (and, for RA/RS, the label) wherever it sits in the sheet; the names
    must match the `columns` of scripts/registry/la_finance.yml.

    la_finance_ra_lines(): Revenue Account (RA) budget lines (every RA layout shares these names),
    incl. 824 Waste Disposal Authority levy.
    la_finance_rs_lines(): Revenue Outturn Summary (RS) lines of the original workbooks.
    la_finance_roall_lines(): the RS lines kept in the BBC's processed roall.csv (no line 699).
    la_finance_rsx_lines(): the same lines in the RSX Service Expenditure Summary (2022-23 on): C7,
    net current expenditure, of each line, landed as col_<line>_7.
    la_finance_ro_lines(form): the lines read from detailed outturn form RO3 (the form's own line
    numbers, C7 landed as col_<line>_7), RO4 or RO5 (assumed RA-style layout).
    la_finance_line_columns(form): [raw column, line number] pairs of a form's lines ('RA', 'RS', 'RSX',
    'RO3', 'RO4', 'RO5'), the `value_columns` argument of unpivot_columns.
    la_finance_ellipsis_marker(): the '…' cell MHCLG uses for "not submitted" (not in the shared
    suppression markers; treated as suppressed here).
    la_finance_is_suppressed(column): the boolean expression `is_suppressed` of the la_finance
    staging models: a shared suppression marker, a blank, '…', or a note reference published in
    place of a value ('[note 3]': "outstanding validation queries", RO3 2024-25).
-#}
{% macro la_finance_ra_lines() -%}
    {{ return([
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
    ]) }}
{%- endmacro %}

{% macro la_finance_roall_lines() -%}
    {{ return([
        ['190', 'col_190_education_services', 'Education services'],
        ['290', 'col_290_highways_and_transport_services', 'Highways and transport services'],
        ['330', 'col_330_children_social_care', 'Children Social Care'],
        ['360', 'col_360_adult_social_care', 'Adult Social Care'],
        ['390', 'col_390_public_health', 'Public Health'],
        ['490', 'col_490_housing_services_gfra_only', 'Housing services (GFRA only)'],
        ['509', 'col_509_cultural_and_related_services', 'Cultural and related services'],
        ['590', 'col_590_environmental_and_regulatory_services', 'Environmental and regulatory services'],
        ['599', 'col_599_planning_and_development_services', 'Planning and development services'],
    ]) }}
{%- endmacro %}

{% macro la_finance_rs_lines() -%}
    {{ return(la_finance_roall_lines() + [
        ['699', 'col_699_total_service_expenditure_total_of_lines_190_to_698',
            'TOTAL SERVICE EXPENDITURE (total of lines 190 to 698)'],
    ]) }}
{%- endmacro %}

{% macro la_finance_rsx_lines() -%}
    {%- set lines = [] -%}
    {%- for line in la_finance_rs_lines() -%}
        {%- do lines.append([line[0], 'col_' ~ line[0] ~ '_7', line[2]]) -%}
    {%- endfor -%}
    {{ return(lines) }}
{%- endmacro %}

{% macro la_finance_ro_lines(form) -%}
    {%- set lines = {
        'RO3': [
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
        ],
        'RO4': [
            ['440', 'col_440_homelessness', 'Homelessness'],
            ['490', 'col_490_total_housing_services_gfra_only', 'TOTAL HOUSING SERVICES (GFRA only)'],
        ],
        'RO5': [
            ['581', 'col_581_waste_collection', 'Waste collection'],
            ['582', 'col_582_waste_disposal', 'Waste disposal'],
            ['583', 'col_583_trade_waste', 'Trade waste'],
            ['584', 'col_584_recycling', 'Recycling'],
            ['585', 'col_585_waste_minimisation', 'Waste minimisation'],
            ['590', 'col_590_total_environmental_and_regulatory_services', 'TOTAL ENVIRONMENTAL AND REGULATORY SERVICES'],
        ],
    } -%}
    {{ return(lines[form]) }}
{%- endmacro %}

{% macro la_finance_line_columns(form) -%}
    {%- set lines = {'RA': la_finance_ra_lines, 'RS': la_finance_rs_lines, 'RSX': la_finance_rsx_lines}.get(form) -%}
    {%- set lines = lines() if lines else la_finance_ro_lines(form) -%}
    {%- set pairs = [] -%}
    {%- for line in lines -%}
        {%- do pairs.append([line[1], line[0]]) -%}
    {%- endfor -%}
    {{ return(pairs) }}
{%- endmacro %}

{% macro la_finance_ellipsis_marker() -%}
    {{ return('…') }}
{%- endmacro %}

{% macro la_finance_is_suppressed(column) -%}
    ({{ is_suppressed(column) }}
        or trim({{ column }}) = '{{ la_finance_ellipsis_marker() }}'
        or trim({{ column }}) like '[note %]')
{%- endmacro %}
