{#-
    flytipping_la_rows(relation, measures): the body of a staging model for one local-authority
    sheet of Defra's ENV24 fly-tipping workbook (LA_incidents, LA_actions): one row per waste
    collection authority and financial year. `measures` is a list of [published column, output
    column] pairs, parsed as numbers (':' -> null, never zero); is_suppressed is read from the first
    (the sheet's total). Names are trimmed; the England row ('*Total' code with region '*Total
    England', or for 2018-19 the comparable '(original)' series) is kept as E92000001 with no
    region; regional '*Total' rows and rows with no financial year or code are dropped.
-#}
{% macro flytipping_la_rows(relation, measures) -%}
with

source as (
    select * from {{ relation }}
),

cleaned as (
    select
        case
            when trim(ons_code) = '*Total' then 'E92000001'
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
        {%- for item in measures %}
        {{ parse_number(item[0]) }} as {{ item[1] }},
        {%- endfor %}
        {{ is_suppressed(measures[0][0]) }} as is_suppressed,
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

select * from cleaned
{%- endmacro %}
