{#-
    H-CLIC detailed LA table P1 (prevention duties ended, by outcome), one file per financial year
    (DetailedLA_YYYY-YYYY): the file name gives the period (the year after the hyphen ends it).
    Only district, unitary, county and England rows are kept; is_suppressed is true when the total
    holds no number, so it always agrees with the value being null.
-#}
with

source as (
    select * from {{ source('homelessness', 'mhclg_hclic_detailed_la__hclic_p1') }}
),

renamed as (
    select
        {{ normalise_authority_code('col_1') }} as authority_code,
        trim(col_2) as area_name,
        {{ file_year('_source_file', 'DetailedLA_', 5) }} as period_end_year,
        {{ parse_number('col_5') }} as prevention_duties_ended,
        {{ parse_number('col_7') }} as prevention_secured_accommodation,
        {{ parse_number('col_8') }} as prevention_stayed_in_existing,
        {{ parse_number('col_9') }} as prevention_moved_to_alternative,
        {{ parse_number('col_11') }} as prevention_ended_homeless,
        {{ number_or_null_flag('col_5') }} as is_suppressed,
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
        prevention_duties_ended,
        prevention_secured_accommodation,
        prevention_stayed_in_existing,
        prevention_moved_to_alternative,
        prevention_ended_homeless,
        is_suppressed,
        source_file
    from renamed
)

select * from final
