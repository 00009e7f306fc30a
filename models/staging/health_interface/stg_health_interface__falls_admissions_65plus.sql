{#- Fingertips indicator-data export: emergency admissions due to falls, aged 65+ (Fingertips 22401, PHOF 2.24i).
    One row per area, sex, age and time period of the main series. A blank Value is suppressed (the Value note says
    why). -#}
with

source as (
    select * from {{ source('health_interface', 'fingertips_falls_admissions_65plus__indicator_data') }}
),

renamed as (
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
    -- the main series only: rows with a Category Type (e.g. deprivation deciles) are dropped
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
        'fingertips_falls_admissions_65plus' as source_dataset_id,
        source_row_number,
        source_file
    from renamed
    -- '2016/17' is a financial year ('2016-17', period_end_year 2017), 'YYYY' a calendar year;
    -- other (rolling multi-year) periods are dropped
    where
        time_period like '____/__'
        or (time_period like '____' and {{ cast_or_null('time_period', 'integer') }} is not null)
)

select * from final
