{#-
    ONS MYE2 persons by single year of age, every edition loaded, one row per area, mid-year and
    age; area codes as published on each edition's boundaries (no mapping between geographies here).

    A table, not a view like the other staging models: the 91-column unpivot is read by four
    models and a dozen tests, so it is built once. (When it was a 91-branch `union all`, DuckDB's
    optimiser spent seconds pushing each test's filter into the branches of the view:
    cte_filter_pusher, 37 s for one not_null test.)

    Mid-year: from the file name, as ONS names its files: ukmidyearestimates2016.xls,
    ukmidyearestimates20192020ladcodes.xls (mid-2019 on 2020 codes), ukpopestimatesmid2020on2021geography.xls,
    mye22final.xlsx, mye23tablesew.xlsx. A name in none of these forms gives a null mid_year, which
    the model's not-null test reports.

    One release per mid-year: should two files hold the same mid-year (ONS re-publishes a mid-year
    on new boundaries, e.g. mid-2018 on 2018 and on 2019 codes), the later release is kept, as
    everywhere in staging. The later release is the one on the later boundaries, told by its
    highest unitary (E06) code, since ONS numbers new unitaries upwards (E06000058 BCP in 2019 ...
    E06000066 Somerset in 2023); on equal boundaries, the file whose name sorts last.
-#}
{{ config(materialized='table') }}
{#- The year after each file-name form (see above): 4 digits, or 2 after 'mye'. -#}
{%- set year_after_estimatesmid = "substring(_source_file, position('estimatesmid' in _source_file) + 12, 4)" -%}
{%- set year_after_estimates = "substring(_source_file, position('estimates' in _source_file) + 9, 4)" -%}
{%- set year_after_mye = "substring(_source_file, position('/mye' in _source_file) + 4, 2)" -%}

with

source as (
    select * from {{ source('population', 'ons_mid_year_population__mye2_persons') }}
),

renamed as (
    select
        {{ normalise_authority_code('code') }} as area_code,
        trim(name) as area_name,
        case
            when position('estimatesmid' in _source_file) > 0
                then {{ cast_or_null(year_after_estimatesmid, 'integer') }}
            when position('estimates' in _source_file) > 0 then {{ cast_or_null(year_after_estimates, 'integer') }}
            when position('/mye' in _source_file) > 0 then 2000 + {{ cast_or_null(year_after_mye, 'integer') }}
        end as mid_year,
        {%- for age in range(91) %}
            col_{{ age }},
        {%- endfor %}
        _row_number as source_row_number,
        _source_file as source_file
    from source
    where code is not null and name is not null and length(trim(code)) = 9
),

files as (
    select
        source_file,
        mid_year,
        coalesce(max(case when area_code like 'E06%' then area_code end), '') as highest_unitary_code
    from renamed
    group by source_file, mid_year
),

releases as (
    select
        source_file,
        row_number() over (
            partition by mid_year order by highest_unitary_code desc, source_file desc
        ) as release_order
    from files
),

latest_release as (
    select renamed.*
    from renamed
    inner join releases on renamed.source_file = releases.source_file
    where releases.release_order = 1
),

-- the single years of age: column col_<age> holds ages 0 to 89, and col_90 90 and over
ages as (
    {{ value_rows(['age'], range(91)) }}
),

unpivoted as (
    -- one pass: every row with every age, each age picking its own column (value_rows)
    select
        latest_release.area_code,
        latest_release.area_name,
        latest_release.mid_year,
        latest_release.source_row_number,
        latest_release.source_file,
        ages.age,
        case ages.age
            {%- for age in range(91) %}
                when {{ age }} then cast(latest_release.col_{{ age }} as {{ type_varchar() }})
            {%- endfor %}
        end as persons_text
    from latest_release
    cross join ages
),

final as (
    select
        area_code,
        area_name,
        mid_year,
        cast(mid_year as {{ type_varchar() }}) as period,
        mid_year as period_end_year,
        age,
        {{ parse_number('persons_text') }} as persons,
        source_row_number,
        source_file
    from unpivoted
)

select * from final
