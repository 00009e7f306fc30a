{#-
    Staging bodies shared by the health and social care interface sources (folder health_interface).

    nomis_year_rows(source_relation, value_name, first_year=2013, last_year=2022):
      a Nomis table export (areas by name, one column per calendar year `col_YYYY`) -> one row per
      area and year: area_name, name_key (macro `name_key`), period ('2016'), period_end_year,
      <value_name>, is_suppressed ('-' = not available), source_row_number, source_file.
      Junk lines after the table are dropped: blank names, '#NAME?' (a spreadsheet error written
      into the export) and the 'Column Total' row.

    fingertips_rows(source_relation, dataset_id): a Fingertips "indicator data" CSV export -> one
      row per area, sex, age and time period of the main series (rows with a Category Type, e.g.
      deprivation deciles, are dropped). Time periods '2016/17' become financial years
      ('2016-17', period_end_year 2017) and 'YYYY' calendar years; other periods (rolling
      multi-year ones) are dropped. A blank Value is suppressed (the Value note says why).

    month_number(text): 1-12 from an English month name or its first three letters; null if unknown.
-#}
{% macro nomis_year_rows(source_relation, value_name, first_year=2013, last_year=2022) -%}
    {%- set year_columns = [] -%}
    {%- for year in range(first_year, last_year + 1) -%}
        {%- do year_columns.append(['col_' ~ year, year | string]) -%}
    {%- endfor -%}
with

source as (
    select * from {{ source_relation }}
),

areas as (
    select
        trim(local_authority_county_unitary_as_of_april_2021) as area_name,
        {%- for column, _ in year_columns %}
        {{ column }},
        {%- endfor %}
        _row_number as source_row_number,
        _source_file as source_file
    from source
    where
        local_authority_county_unitary_as_of_april_2021 is not null
        and trim(local_authority_county_unitary_as_of_april_2021) <> ''
        and trim(local_authority_county_unitary_as_of_april_2021) not like '#%'
        and lower(trim(local_authority_county_unitary_as_of_april_2021)) <> 'column total'
),

unpivoted as (
    {{ unpivot_columns('areas', ['area_name', 'source_row_number', 'source_file'], year_columns,
                       name_column='year_label', value_column='value_text') }}
),

final as (
    select
        area_name,
        {{ name_key('area_name') }} as name_key,
        year_label as period,
        cast(year_label as integer) as period_end_year,
        {{ parse_number('value_text') }} as {{ value_name }},
        {{ is_suppressed('value_text') }} as is_suppressed,
        source_row_number,
        source_file
    from unpivoted
)

select * from final
{%- endmacro %}

{% macro fingertips_rows(source_relation, dataset_id) -%}
with

source as (
    select * from {{ source_relation }}
),

cleaned as (
    select
        {{ normalise_authority_code('area_code') }} as authority_code,
        trim(area_name) as area_name,
        trim(area_type) as area_type,
        trim(indicator_id) as fingertips_indicator_id,
        trim(indicator_name) as indicator_name,
        trim(sex) as sex,
        trim(age) as age_group,
        trim(time_period) as time_period,
        {{ parse_number('value') }} as indicator_value,
        {{ parse_number('count') }} as numerator,
        {{ parse_number('denominator') }} as denominator,
        {{ is_suppressed('value') }} as is_suppressed,
        nullif(trim(value_note), '') as value_note,
        _row_number as source_row_number,
        _source_file as source_file
    from source
    where
        area_code is not null
        and trim(area_code) <> ''
        and (category_type is null or trim(category_type) = '')
),

final as (
    select
        authority_code,
        area_name,
        area_type,
        fingertips_indicator_id,
        indicator_name,
        sex,
        age_group,
        case
            when time_period like '____/__'
                then left(time_period, 4) || '-' || right(time_period, 2)
            else time_period
        end as period,
        case
            when time_period like '____/__' then {{ financial_year_end('time_period') }}
            else cast(time_period as integer)
        end as period_end_year,
        indicator_value,
        numerator,
        denominator,
        is_suppressed,
        value_note,
        '{{ dataset_id }}' as source_dataset_id,
        source_row_number,
        source_file
    from cleaned
    where
        time_period like '____/__'
        or (time_period like '____' and {{ safe_cast('time_period', 'integer') }} is not null)
)

select * from final
{%- endmacro %}

{% macro month_number(text) -%}
    case left(lower(trim({{ text }})), 3)
        {%- for abbreviation in ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] %}
        when '{{ abbreviation }}' then {{ loop.index }}
        {%- endfor %}
    end
{%- endmacro %}
