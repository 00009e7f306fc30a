{#-
    LAIT values with GSS codes and periods: stg_dfe_lait__bds_long, plus
    - Area: DfE LA number -> GSS code through int_geography__dfe_authority_codes (the 2017-19
      code where a number has two, e.g. Buckinghamshire 825 -> E10000002); England (970) ->
      England's code (var `england_code`), regions (980-990) -> E12 codes, Inner/Outer London (987/988) -> E13000001/2.
    - Period: follows the dictionary's Year_Type (stg_dfe_lait__data_dictionary): a bare year of
      a Financial Year, Annual (31 March) or Academic Year measure is the year ending then
      ('2017' -> '2016-17'); of a Calendar Year, end-of-September or January measure it stays
      '2017'; '2015/16' becomes '2015-16'; rolling periods ('2014-16', '2013/14-15/16') are kept.
      period_end_year is the last year of the label.
-#}
with

lait as (
    select * from {{ ref('stg_dfe_lait__bds_long') }}
),

dictionary as (
    select * from {{ ref('stg_dfe_lait__data_dictionary') }}
),

dfe_authority_codes as (
    select * from {{ ref('int_geography__dfe_authority_codes') }}
),

codes as (
    select
        dfe_code,
        coalesce(
            max(case when is_upper_tier_2018 then authority_code end),
            max(authority_code)
        ) as authority_code
    from dfe_authority_codes
    group by dfe_code
),

located as (
    select
        lait.*,
        case lait.dfe_area_code
            when '970' then '{{ var("england_code") }}'
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
        dictionary.year_type
    from lait
    left join codes on lait.dfe_area_code = codes.dfe_code
    left join dictionary on lait.measure_short = dictionary.measure_short
),

final as (
    select
        authority_code,
        case when geographic_level = 'local authority' then dfe_area_code end as dfe_code,
        authority_name,
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
        value,
        is_suppressed,
        source_file
    from located
)

select * from final
