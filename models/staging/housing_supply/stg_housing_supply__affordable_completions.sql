{#- Live Table 1008C (total additional affordable dwellings, completions): one column per financial
    year -> rows (2014-15 to 2018-19). No county rows. The England row has 'England' in the first
    column and no code: it is given E92000001. '-' (nil or less than half the final digit) and '..'
    (not applicable) become null. Unpivot and parsing: macro housing_years_to_rows. -#}
{%- set year_columns = housing_year_columns(2014, 2018) -%}

with

source as (
    select * from {{ source('housing_supply', 'dluhc_affordable_housing_supply__lt1008c') }}
),

coded as (
    select
        case
            when lower(trim(col_1)) = 'england' then 'E92000001'
            else {{ normalise_authority_code('current_ons_code') }}
        end as authority_code,
        case
            when lower(trim(col_1)) = 'england' then 'England'
            else trim(lower_and_single_tier_authority_data)
        end as area_name,
        {%- for column, _ in year_columns %}
            {{ column }},
        {%- endfor %}
        _source_file as source_file
    from source
),

filtered as (
    select * from coded
    where {{ is_la_or_england_code('authority_code') }}
),

{{ housing_years_to_rows('filtered', year_columns, 'affordable_completions', 'completions_text') }}
