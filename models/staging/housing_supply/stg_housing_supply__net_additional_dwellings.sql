{#- Live Table 122: one column per financial year -> one row per area and year (2014-15 to
    2018-19). County (E10) total rows are kept and flagged (`is_county_total`); metropolitan county
    (E11) and block subtotal rows are dropped. Abolished districts have blank cells after their
    abolition and successors before their creation: blank -> null, never zero. Unpivot and parsing:
    macro housing_years_to_rows. -#}
{%- set year_columns = housing_year_columns(2014, 2018) -%}

with

source as (
    select * from {{ source('housing_supply', 'dluhc_net_additional_dwellings__lt122') }}
),

renamed as (
    select
        {{ normalise_authority_code('current_ons_code') }} as authority_code,
        coalesce(trim(lower_and_single_tier_authority_data), trim(met_and_shire_county_totals)) as area_name,
        upper(substring(trim(current_ons_code), 1, 3)) = 'E10' as is_county_total,
        {%- for column, _ in year_columns %}
            {{ column }},
        {%- endfor %}
        _source_file as source_file
    from source
    where {{ is_la_or_england_code('current_ons_code') }}
),

{{ housing_years_to_rows('renamed', year_columns, 'net_additional_dwellings', 'net_additional_text',
                         carried_columns=['is_county_total']) }}
