{#-
    ONS MYE2 persons by single year of age, every edition loaded, one row per area, mid-year and
    age; area codes as published on each edition's boundaries (no mapping between geographies here).

    A table, not a view like the other staging models: the 91-way unpivot is read by four models
    and a dozen tests, and DuckDB's optimiser spends seconds pushing each test's filter into the
    91 branches of the view (cte_filter_pusher: 37 s for one not_null test), so it is built once.

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
{%- set age_columns = [
            ['col_0', '0'],
            ['col_1', '1'],
            ['col_2', '2'],
            ['col_3', '3'],
            ['col_4', '4'],
            ['col_5', '5'],
            ['col_6', '6'],
            ['col_7', '7'],
            ['col_8', '8'],
            ['col_9', '9'],
            ['col_10', '10'],
            ['col_11', '11'],
            ['col_12', '12'],
            ['col_13', '13'],
            ['col_14', '14'],
            ['col_15', '15'],
            ['col_16', '16'],
            ['col_17', '17'],
            ['col_18', '18'],
            ['col_19', '19'],
            ['col_20', '20'],
            ['col_21', '21'],
            ['col_22', '22'],
            ['col_23', '23'],
            ['col_24', '24'],
            ['col_25', '25'],
            ['col_26', '26'],
            ['col_27', '27'],
            ['col_28', '28'],
            ['col_29', '29'],
            ['col_30', '30'],
            ['col_31', '31'],
            ['col_32', '32'],
            ['col_33', '33'],
            ['col_34', '34'],
            ['col_35', '35'],
            ['col_36', '36'],
            ['col_37', '37'],
            ['col_38', '38'],
            ['col_39', '39'],
            ['col_40', '40'],
            ['col_41', '41'],
            ['col_42', '42'],
            ['col_43', '43'],
            ['col_44', '44'],
            ['col_45', '45'],
            ['col_46', '46'],
            ['col_47', '47'],
            ['col_48', '48'],
            ['col_49', '49'],
            ['col_50', '50'],
            ['col_51', '51'],
            ['col_52', '52'],
            ['col_53', '53'],
            ['col_54', '54'],
            ['col_55', '55'],
            ['col_56', '56'],
            ['col_57', '57'],
            ['col_58', '58'],
            ['col_59', '59'],
            ['col_60', '60'],
            ['col_61', '61'],
            ['col_62', '62'],
            ['col_63', '63'],
            ['col_64', '64'],
            ['col_65', '65'],
            ['col_66', '66'],
            ['col_67', '67'],
            ['col_68', '68'],
            ['col_69', '69'],
            ['col_70', '70'],
            ['col_71', '71'],
            ['col_72', '72'],
            ['col_73', '73'],
            ['col_74', '74'],
            ['col_75', '75'],
            ['col_76', '76'],
            ['col_77', '77'],
            ['col_78', '78'],
            ['col_79', '79'],
            ['col_80', '80'],
            ['col_81', '81'],
            ['col_82', '82'],
            ['col_83', '83'],
            ['col_84', '84'],
            ['col_85', '85'],
            ['col_86', '86'],
            ['col_87', '87'],
            ['col_88', '88'],
            ['col_89', '89'],
            ['col_90', '90']
] -%}

with

source as (
    select * from {{ source('population', 'ons_mid_year_population__mye2_persons') }}
),

renamed as (
    select
        {{ normalise_authority_code('code') }} as area_code,
        trim(name) as area_name,
        case
            when position('estimatesmid' in _source_file) > 0 then {{ safe_cast(year_after_estimatesmid, 'integer') }}
            when position('estimates' in _source_file) > 0 then {{ safe_cast(year_after_estimates, 'integer') }}
            when position('/mye' in _source_file) > 0 then 2000 + {{ safe_cast(year_after_mye, 'integer') }}
        end as mid_year,
        _row_number as source_row_number,
        _source_file as source_file,
        *
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

unpivoted as (
    {{ unpivot_columns('latest_release', ['area_code', 'area_name', 'mid_year', 'source_row_number', 'source_file'],
                       age_columns, name_column='age_label', value_column='persons_text') }}
),

final as (
    select
        area_code,
        area_name,
        mid_year,
        cast(mid_year as {{ type_varchar() }}) as period,
        mid_year as period_end_year,
        cast(age_label as integer) as age,
        {{ parse_number('persons_text') }} as persons,
        source_row_number,
        source_file
    from unpivoted
)

select * from final
