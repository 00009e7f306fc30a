{#-
    The processed 2004-2018 extraction, one row per area and financial year: `year` is the calendar
    year in which the financial year ends (2017 = 2016-17); rows without a code (pre-2009
    districts) are dropped, and only district, unitary, county and England rows are kept;
    `no_accom` (a processing bug) is not read. Each flag is true when its cell holds no number, so
    it always agrees with the value being null.
-#}
with

source as (
    select * from {{ source('homelessness', 'homelessness_2004_2018_processed__la_year') }}
),

renamed as (
    select
        {{ normalise_authority_code('la_code') }} as authority_code,
        trim(la) as area_name,
        cast({{ parse_number('year') }} as integer) as period_end_year,
        {{ parse_number('households') }} as households_thousands,
        {{ parse_number('homeless_acc') }} as acceptances,
        {{ parse_number('ta') }} as households_in_ta,
        {{ number_or_null_flag('homeless_acc') }} as is_acceptances_suppressed,
        {{ number_or_null_flag('ta') }} as is_ta_suppressed,
        _source_file as source_file
    from source
    where {{ is_la_or_england_code('la_code') }}
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
