{#-
    The MHCLG revenue account lines read by models/staging/la_finance: lists of
    [line code, raw column name, published line label]. The raw column names are the line-code
    row and the label row of the published sheets joined and snake-cased by the loader; they
    must match the `columns` of scripts/registry/la_finance.yml.

    la_finance_ra_lines(): Revenue Account (RA) budget lines (all RA layouts share these names).
    la_finance_rs_lines(): Revenue Outturn Summary (RS) lines of the original workbooks.
    la_finance_roall_lines(): the RS lines kept in the BBC's processed roall.csv (no line 699).
    la_finance_ro_lines(form): the lines read from detailed outturn form RO3, RO4 or RO5.
    la_finance_ellipsis_marker(): the '…' cell MHCLG uses for "not submitted" (not in the shared
    suppression markers; treated as suppressed here).
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

{% macro la_finance_ro_lines(form) -%}
    {%- set lines = {
        'RO3': [
            ['313', 'col_313_children_s_social_care_children_looked_after', "Children's social care: Children looked after"],
            ['330', 'col_330_total_children_s_social_care', "TOTAL CHILDREN'S SOCIAL CARE"],
            ['360', 'col_360_total_adult_social_care', 'TOTAL ADULT SOCIAL CARE'],
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

{% macro la_finance_ellipsis_marker() -%}
    {{ return('…') }}
{%- endmacro %}
