{#- ONS accidental falls mortality (Nomis export): age-standardised rate per 100,000, all ages, one
    row per area name (county / unitary authority of April 2021, England and Wales) and calendar
    year. Names only: codes are attached in int_health__falls_mortality. '-' (not available) is null, flagged by is_suppressed. -#}
{%- set year_columns = [
    ['col_2013', '2013'], ['col_2014', '2014'], ['col_2015', '2015'], ['col_2016', '2016'], ['col_2017', '2017'],
    ['col_2018', '2018'], ['col_2019', '2019'], ['col_2020', '2020'], ['col_2021', '2021'], ['col_2022', '2022'],
] -%}

with

source as (
    select * from {{ source('health_interface', 'ons_falls_mortality_nomis__death_rate') }}
),

renamed as (
    select
        trim(local_authority_county_unitary_as_of_april_2021) as area_name,
        {%- for column, year in year_columns %}
            {{ column }},
        {%- endfor %}
        _row_number as source_row_number,
        _source_file as source_file
    from source
    -- junk lines after the table: blank names, '#NAME?' (a spreadsheet error written into the
    -- export) and the 'Column Total' row
    where
        local_authority_county_unitary_as_of_april_2021 is not null
        and trim(local_authority_county_unitary_as_of_april_2021) <> ''
        and trim(local_authority_county_unitary_as_of_april_2021) not like '#%'
        and lower(trim(local_authority_county_unitary_as_of_april_2021)) <> 'column total'
),

unpivoted as (
    {%- for column, year in year_columns %}
        select
            area_name,
            source_row_number,
            source_file,
            '{{ year }}' as period,
            cast({{ column }} as {{ type_varchar() }}) as value_text
        from renamed
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        area_name,
        {{ name_key('area_name') }} as name_key,
        period,
        cast(period as integer) as period_end_year,
        {{ parse_number('value_text') }} as death_rate,
        {{ is_suppressed('value_text') }} as is_suppressed,
        source_row_number,
        source_file
    from unpivoted
)

select * from final
