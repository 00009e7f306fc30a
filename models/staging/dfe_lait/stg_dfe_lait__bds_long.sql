{#-
    LAIT big data sheet, long form: one row per measure (Short Desc), year label and area.

    - Area: DfE LA number -> GSS code through int_geography__dfe_authority_codes (the 2017-19
      code where a number has two, e.g. Buckinghamshire 825 -> E10000002); England (970) ->
      E92000001, regions (980-990) -> E12 codes, Inner/Outer London (987/988) -> E13000001/2.
      Numbers the DfE files never pair with a GSS code (Cumberland 942, Westmorland and Furness
      943, created 2023) keep a null authority_code.
    - Year: the published label is kept in `years`; a suffix ' (Rev)', ' (Final)', ' (prov)' or
      ' (OT)' (outturn) goes to `year_status`. `period` follows the dictionary's Year_Type: a
      bare year of a Financial Year, Annual (31 March) or Academic Year measure is the year
      ending then ('2017' -> '2016-17'); of a Calendar Year, end-of-September or January
      measure it stays '2017'; '2015/16' becomes '2015-16'; rolling periods ('2014-16',
      '2013/14-15/16') are kept. period_end_year is the last year of the label. Rows with the
      placeholder year '0' (one empty measure) are dropped.
    - DfE number: stored as a double (301.0); written as three digits, zero-padded ('001'), by
      the dfe_number macro (four-digit numbers of the scaled benchmark demo are kept whole).
    - Values: text with float artefacts (2.2999999999999998) parsed to double; '-', 'x', 'c'
      become null with is_suppressed = true.
-#}
with

source as (
    select * from {{ source('dfe_lait', 'dfe_lait__bds_long') }}
),

dictionary as (
    select
        measure_short,
        year_type
    from {{ ref('stg_dfe_lait__data_dictionary') }}
),

codes as (
    select
        dfe_code,
        coalesce(
            max(case when is_upper_tier_2018 then authority_code end),
            max(authority_code)
        ) as authority_code
    from {{ ref('int_geography__dfe_authority_codes') }}
    group by dfe_code
),

cleaned as (
    select
        trim(short_desc) as measure_short,
        trim(data_item) as data_item,
        trim(years) as years,
        trim(
            replace(replace(replace(replace(trim(years), ' (Rev)', ''), ' (Final)', ''), ' (prov)', ''), ' (OT)', '')
        ) as years_clean,
        case
            when trim(years) like '%(Rev)' then 'revised'
            when trim(years) like '%(Final)' then 'final'
            when trim(years) like '%(prov)' then 'provisional'
            when trim(years) like '%(OT)' then 'outturn'
        end as year_status,
        {{ dfe_number('la_number') }} as dfe_code,
        trim(la_and_regions) as area_name,
        trim(region) as region_name,
        values as value_text,
        _source_file as source_file
    from source
    where trim(years) like '2%'
),

located as (
    select
        cleaned.*,
        case cleaned.dfe_code
            when '970' then 'E92000001'
            when '980' then 'E12000001'
            when '981' then 'E12000002'
            when '982' then 'E12000003'
            when '983' then 'E12000004'
            when '984' then 'E12000005'
            when '985' then 'E12000006'
            when '986' then 'E12000007'
            when '987' then 'E13000001'
            when '988' then 'E13000002'
            when '989' then 'E12000008'
            when '990' then 'E12000009'
            else codes.authority_code
        end as authority_code,
        case
            when cleaned.dfe_code = '970' then 'national'
            when length(cleaned.dfe_code) = 3 and cleaned.dfe_code between '980' and '990' then 'regional'
            else 'local authority'
        end as geographic_level,
        dictionary.year_type
    from cleaned
    left join codes on cleaned.dfe_code = codes.dfe_code
    left join dictionary on cleaned.measure_short = dictionary.measure_short
),

final as (
    select
        authority_code,
        case when geographic_level = 'local authority' then dfe_code end as dfe_code,
        area_name as authority_name,
        region_name,
        geographic_level,
        measure_short,
        data_item,
        years,
        year_status,
        year_type,
        case
            when years_clean like '____' and year_type in ('Financial Year', 'Annual', 'Academic Year')
                then {{ financial_year_label('cast(years_clean as integer)') }}
            when years_clean like '____/__' then replace(years_clean, '/', '-')
            else years_clean
        end as period,
        case
            when years_clean like '____' then cast(years_clean as integer)
            else 2000 + cast(right(years_clean, 2) as integer)
        end as period_end_year,
        {{ parse_number('value_text') }} as value,  -- noqa: RF04
        {{ is_suppressed('value_text') }} as is_suppressed,
        source_file
    from located
)

select * from final
