with

source as (
    select * from {{ source('homelessness', 'mhclg_homelessness_prevention_relief_p1e__prevention_relief') }}
),

renamed as (
    select
        {{ normalise_authority_code('ons_code') }} as authority_code,
        trim(local_authority) as area_name,
        trim(financial_year) as period,
        {{ financial_year_end('trim(financial_year)') }} as period_end_year,
        {{ parse_number('total_prevented_or_relieved') }} as prevented_or_relieved,
        {{ parse_number('prevented_remained_in_existing_home') }} as prevented_remained,
        {{ parse_number('prevented_obtained_alternative_accommodation') }} as prevented_alternative,
        {{ parse_number('relieved') }} as relieved,
        {{ number_or_null_flag('total_prevented_or_relieved') }} as is_suppressed,
        _source_file as source_file
    from source
    where {{ is_la_or_england_code('ons_code') }}
),

final as (
    select * from renamed
)

select * from final
