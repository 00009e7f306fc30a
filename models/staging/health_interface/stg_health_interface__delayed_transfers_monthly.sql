{#-
    NHS England delayed transfers of care, "Total Delayed Days Local Authority", sheet 'LA - by
    responsible org' of each monthly file: one row per authority and month with the delayed days in
    the month by the organisation the delay is attributable to (NHS, social care, both) and, from
    April 2017, the published "DTOC Beds" (delayed days / days in the month).
    - authority_code: the file's 'ONS Geography' column (GSS code as published; the file's own
      'Code' column, the three-digit CASSR code, is kept as cassr_code). The England row has no
      code in the file ('-') and is given England's code (var `england_code`); the rows of patients resident in Scotland,
      Wales and outside GB (codes 9900-9902, no GSS code) are left out.
    - The month is the file's own Period cell ('April 2016', landed by the registry's `metadata`
      key as reporting_period). The month in the file name (April_16.xls, Sept_16.xls) is parsed
      too and compared: `is_file_name_month_matching` is false when the name gives another month
      or none, and the model's test `dtoc_period_cell_matches_file_name` fails the build then.
    - '-' or a blank becomes null, flagged by is_suppressed (on the total).
    - Two files of the same month (an original and a revised copy saved under another name): the
      file whose name sorts last wins (one row per authority and month); a file whose name gives
      another month is kept before any other, so the name check always sees it.
-#}
{%- set source_relation = source('health_interface', 'nhse_dtoc_la_monthly__la_total_delayed_days') -%}
{#- reporting_period is a metadata column: the loader adds it to the rows of each file it lands, so an
    empty raw table (no DTOC file at all) lacks it; then it is read as null (no rows either way). -#}
{%- set landed_columns = (adapter.get_columns_in_relation(source_relation)
    | map(attribute='name') | map('lower') | list) if execute else [] -%}
{%- set period_cell = 'trim(reporting_period)' if 'reporting_period' in landed_columns
    else 'cast(null as ' ~ type_varchar() ~ ')' -%}
with

source as (
    select * from {{ source_relation }}
),

renamed as (
    select
        case
            when lower(trim(name)) = 'england' then '{{ var("england_code") }}'
            else {{ normalise_authority_code('ons_geography') }}
        end as authority_code,
        nullif(trim(code), '-') as cassr_code,
        trim(name) as area_name,
        nullif(trim(region), '-') as region_name,
        {{ period_cell }} as reporting_period,
        substring(_source_file, position('dtoc_la_monthly/' in _source_file) + 16) as file_name,
        {{ parse_number('nhs') }} as delayed_days_nhs,
        {{ parse_number('social_care') }} as delayed_days_social_care,
        {{ parse_number('"both"') }} as delayed_days_both,
        {{ parse_number('total') }} as delayed_days_total,
        {{ parse_number('dtoc_beds_nhs') }} as published_beds_nhs,
        {{ parse_number('dtoc_beds_social_care') }} as published_beds_social_care,
        {{ parse_number('dtoc_beds_both') }} as published_beds_both,
        {{ parse_number('dtoc_beds_total') }} as published_beds_total,
        {{ is_suppressed('total') }} as is_suppressed,
        _row_number as source_row_number,
        _source_file as source_file
    from source
    where
        lower(trim(name)) = 'england'
        or (length(trim(ons_geography)) = 9 and upper(trim(ons_geography)) like 'E%')
),

dated as (
    select
        renamed.*,
        {{ month_number('reporting_period') }} as month_number,
        {{ cast_or_null('right(reporting_period, 4)', 'integer') }} as calendar_year,
        {{ month_number('file_name') }} as file_month_number,
        2000 + {{ cast_or_null("substring(file_name, position('_' in file_name) + 1, 2)", 'integer') }}
            as file_calendar_year
    from renamed
),

checked as (
    select
        dated.*,
        coalesce(
            dated.file_month_number = dated.month_number and dated.file_calendar_year = dated.calendar_year, false
        ) as is_file_name_month_matching
    from dated
),

latest_file as (
    select
        checked.*,
        row_number() over (
            partition by checked.authority_code, checked.calendar_year, checked.month_number
            order by case when checked.is_file_name_month_matching then 1 else 0 end, checked.source_file desc
        ) as file_rank
    from checked
),

final as (
    select
        authority_code,
        cassr_code,
        area_name,
        region_name,
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
        published_beds_nhs,
        published_beds_social_care,
        published_beds_both,
        published_beds_total,
        is_suppressed,
        reporting_period,
        file_calendar_year,
        file_month_number,
        is_file_name_month_matching,
        source_row_number,
        source_file
    from latest_file
    where file_rank = 1
)

select * from final
