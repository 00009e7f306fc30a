{#-
    Live Table 784 (official P1E), one sheet per financial year ('2016-17'): the sheet name gives
    the period. Layout assumed until the official file is obtained (see the registry). Only
    district, unitary, county and England rows are kept; each flag is true when its cell holds no
    number, so it always agrees with the value being null.
-#}
with

source as (
    select * from {{ source('homelessness', 'mhclg_homelessness_table_784__la_action') }}
),

renamed as (
    select
        {{ normalise_authority_code('col_1') }} as authority_code,
        trim(col_2) as area_name,
        {{ financial_year_end('_sheet') }} as period_end_year,
        {{ parse_number('col_3') }} as households_thousands,
        {{ parse_number('col_4') }} as acceptances,
        {{ parse_number('col_6') }} as households_in_ta,
        {{ number_or_null_flag('col_4') }} as is_acceptances_suppressed,
        {{ number_or_null_flag('col_6') }} as is_ta_suppressed,
        _source_file as source_file
    from source
    where {{ is_la_or_england_code('col_1') }}
),

final as (
    select
        authority_code,
        area_name,
        {{ financial_year_label('period_end_year') }} as period,
        period_end_year,
        households_thousands,
        acceptances,
        households_in_ta,
        is_acceptances_suppressed,
        is_ta_suppressed,
        source_file
    from renamed
)

select * from final
