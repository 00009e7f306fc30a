{#- Live Table 615 (long-term vacant dwellings, council tax base in October): one column per year
    -> rows. The October YYYY snapshot falls in financial year YYYY-(YY+1): period '2016-17' and
    period_end_year 2017 for October 2016 (snapshot_year keeps the published year). -#}
{%- set year_columns = [] -%}
{%- for year in range(2014, 2020) -%}
    {%- do year_columns.append(['col_' ~ year, year | string]) -%}
{%- endfor -%}

with

source as (
    select * from {{ source('housing_supply', 'dluhc_vacant_dwellings_lt615__lt615') }}
),

renamed as (
    select
        {{ normalise_authority_code('current_ons_code') }} as authority_code,
        trim(lower_and_single_tier_authority_data) as area_name,
        col_2014,
        col_2015,
        col_2016,
        col_2017,
        col_2018,
        col_2019,
        _source_file as source_file
    from source
    where {{ is_la_or_england_code('current_ons_code') }}
),

unpivoted as (
    {{ unpivot_columns('renamed', ['authority_code', 'area_name', 'source_file'], year_columns,
                       name_column='snapshot_year_label', value_column='vacant_text') }}
),

final as (
    select
        authority_code,
        area_name,
        cast(snapshot_year_label as integer) as snapshot_year,
        {{ financial_year_label('cast(snapshot_year_label as integer) + 1') }} as period,
        cast(snapshot_year_label as integer) + 1 as period_end_year,
        {{ parse_number('vacant_text') }} as long_term_vacant_dwellings,
        {{ number_or_null_flag('vacant_text') }} as is_suppressed,
        source_file
    from unpivoted
)

select * from final
