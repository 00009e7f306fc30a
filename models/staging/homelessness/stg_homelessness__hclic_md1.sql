{#-
    H-CLIC detailed LA table MD1 (main duty decisions), one file per financial year
    (DetailedLA_YYYY-YYYY): the file name gives the period (the year after the hyphen ends it).
    Only district, unitary, county and England rows are kept; is_suppressed is true when the
    acceptances cell holds no number, so it always agrees with the value being null.
-#}
with

source as (
    select * from {{ source('homelessness', 'mhclg_hclic_detailed_la__hclic_md1') }}
),

renamed as (
    select
        {{ normalise_authority_code('col_1') }} as authority_code,
        trim(col_2) as area_name,
        {{ file_year('_source_file', 'DetailedLA_', 5) }} as period_end_year,
        {{ parse_number('col_5') }} as main_duty_decisions,
        {{ parse_number('col_6') }} as acceptances,
        {{ parse_number('col_7') }} as intentionally_homeless,
        {{ parse_number('col_8') }} as no_priority_need,
        {{ parse_number('col_9') }} as not_homeless,
        {{ number_or_null_flag('col_6') }} as is_suppressed,
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
        main_duty_decisions,
        acceptances,
        intentionally_homeless,
        no_priority_need,
        not_homeless,
        is_suppressed,
        source_file
    from renamed
)

select * from final
