{#- Live Table 615 (long-term vacant dwellings, council tax base in October): one column per year
    -> rows. The October YYYY snapshot falls in financial year YYYY-(YY+1): period '2016-17' and
    period_end_year 2017 for October 2016 (snapshot_year keeps the published year). Unpivot and
    parsing: macro housing_years_to_rows. -#}
{%- set year_columns = housing_year_columns(2014, 2019, snapshot=true) -%}

with

source as (
    select * from {{ source('housing_supply', 'dluhc_vacant_dwellings_lt615__lt615') }}
),

renamed as (
    select
        {{ normalise_authority_code('current_ons_code') }} as authority_code,
        trim(lower_and_single_tier_authority_data) as area_name,
        {%- for column, _ in year_columns %}
            {{ column }},
        {%- endfor %}
        _source_file as source_file
    from source
    where {{ is_la_or_england_code('current_ons_code') }}
),

{{ housing_years_to_rows('renamed', year_columns, 'long_term_vacant_dwellings', 'vacant_text', snapshot=true) }}
