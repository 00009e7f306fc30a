{#-
    Defra ENV24 sheet LA_incidents: fly-tipping incidents reported by waste collection authorities
    (shire districts, unitaries, metropolitan and London boroughs), one row per authority and
    financial year. ':' (not available) becomes null, never zero; is_suppressed is read from the
    total. Trailing spaces in names are trimmed. The England row ('*Total' code with region
    '*Total England'; for 2018-19 the '(original)' series, comparable with earlier years) is kept
    as England's code (var `england_code`) with no region; regional '*Total' rows and rows with no financial year or code are
    dropped.
-#}
with

source as (
    select * from {{ source('flytipping', 'defra_flytipping__la_incidents') }}
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
        {{ parse_number('total_incidents') }} as total_incidents,
        {{ parse_number('total_incidents_clearance_costs_gbp') }} as total_clearance_costs_gbp,
        {{ parse_number('mid_population_estimates') }} as mid_year_population,
        {{ is_suppressed('total_incidents') }} as is_suppressed,
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
