{#- Autumn snapshot counts, one column per year -> one row per area and year. The single-night
    count of autumn YYYY falls in financial year YYYY-(YY+1): period '2017-18' and
    period_end_year 2018 for autumn 2017 (snapshot_year keeps the published year). England and
    region rows carry '---' as LA code and their code in the region column. Areas are on April-2022
    geography as published. Unpivot and parsing: macro housing_years_to_rows. -#}
{%- set year_columns = housing_year_columns(2014, 2019, snapshot=true) -%}

with

source as (
    select * from {{ source('rough_sleeping', 'dluhc_rough_sleeping_snapshot__table1_total') }}
),

coded as (
    select
        case
            when {{ is_la_or_england_code('local_authority_ons_code') }}
                then {{ normalise_authority_code('local_authority_ons_code') }}
            else {{ normalise_authority_code('region_ons_code') }}
        end as authority_code,
        case
            when {{ is_la_or_england_code('local_authority_ons_code') }} then trim(local_authority)
            else trim(region)
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

{{ housing_years_to_rows('filtered', year_columns, 'rough_sleepers', 'rough_sleepers_text', snapshot=true) }}
