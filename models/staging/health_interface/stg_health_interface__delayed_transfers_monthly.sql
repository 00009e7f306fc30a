{#- NHS England "Total Delayed Days Local Authority" monthly files: one row per council (and
    region, England) and month, with the delayed days in the month by the organisation the delay
    is attributable to. The month comes from the file name (LA-Type-B-<Month>-<YYYY>-...); April
    to March make the financial year. '-' or a blank (no return) becomes null. -#}
with

source as (
    select * from {{ source('health_interface', 'nhse_dtoc_la_monthly__la_total_delayed_days') }}
),

renamed as (
    select
        {{ normalise_authority_code('code') }} as authority_code,
        trim(name) as area_name,
        {{ parse_number('nhs') }} as delayed_days_nhs,
        {{ parse_number('social_care') }} as delayed_days_social_care,
        {{ parse_number('"both"') }} as delayed_days_both,
        {{ parse_number('total') }} as delayed_days_total,
        {{ is_suppressed('total') }} as is_suppressed,
        substring(_source_file, position('LA-Type-B-' in _source_file) + 10) as file_month_text,
        _row_number as source_row_number,
        _source_file as source_file
    from source
    where
        code is not null
        and upper(trim(code)) like 'E%'
        and position('LA-Type-B-' in _source_file) > 0
),

dated as (
    select
        *,
        {{ month_number("left(file_month_text, position('-' in file_month_text) - 1)") }} as month_number,
        {{ safe_cast("substring(file_month_text, position('-' in file_month_text) + 1, 4)", 'integer') }}
            as calendar_year
    from renamed
),

final as (
    select
        authority_code,
        area_name,
        {{ financial_year_label('calendar_year + case when month_number >= 4 then 1 else 0 end') }} as period,
        calendar_year + case when month_number >= 4 then 1 else 0 end as period_end_year,
        calendar_year,
        month_number,
        case
            when month_number = 2 and mod(calendar_year, 4) = 0 then 29
            when month_number = 2 then 28
            when month_number in (4, 6, 9, 11) then 30
            else 31
        end as days_in_month,
        delayed_days_nhs,
        delayed_days_social_care,
        delayed_days_both,
        delayed_days_total,
        is_suppressed,
        source_row_number,
        source_file
    from dated
    where month_number is not null and calendar_year is not null
)

select * from final
