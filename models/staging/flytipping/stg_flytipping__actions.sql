{#-
    Defra ENV24 sheet LA_actions: fly-tipping enforcement actions reported by waste collection
    authorities, one row per authority and financial year; the same row rules as the incidents
    sheet: ':' -> null, never zero (is_suppressed read from the total), names trimmed, the England
    row ('*Total' code with region '*Total England', or for 2018-19 the '(original)' series) kept
    as England's code (var `england_code`) with no region, regional '*Total' rows and rows with no financial year or code
    dropped.
-#}
with

source as (
    select * from {{ source('flytipping', 'defra_flytipping__la_actions') }}
),

renamed as (
    select
        case
            when trim(ons_code) = '*Total' then '{{ var("england_code") }}'
            else {{ normalise_authority_code('ons_code') }}
        end as authority_code,
        case
            when trim(ons_code) = '*Total' then 'England'
            else trim(la_name)
        end as authority_name,
        case
            when trim(ons_code) = '*Total' then null
            else trim(region)
        end as region_name,
        trim(year) as period,
        {{ financial_year_end('trim(year)') }} as period_end_year,
        {{ parse_number('total_actions') }} as total_actions,
        {{ parse_number('total_fixed_penalty_notice_actions') }} as fixed_penalty_notices,
        {{ parse_number('prosecution_actions') }} as prosecutions,
        {{ is_suppressed('total_actions') }} as is_suppressed,
        _row_number as source_row_number,
        _source_file as source_file
    from source
    where
        trim(year) like '____-__'
        and ons_code is not null
        and (
            trim(ons_code) <> '*Total'
            or trim(region) in ('*Total England', '*Total England (original)')
        )
)

select * from renamed
