{#- Live Table 615 (long-term vacant dwellings, council tax base in October): one column per year
    -> one row per area and year. The October YYYY snapshot falls in financial year YYYY-(YY+1):
    period '2016-17' and period_end_year 2017 for October 2016 (snapshot_year keeps the published
    year). A cell with no number becomes null, flagged is_suppressed. -#}
with

source as (
    select * from {{ source('housing_supply', 'dluhc_vacant_dwellings_lt615__lt615') }}
),

renamed as (
    select
        {{ normalise_authority_code('current_ons_code') }} as authority_code,
        trim(lower_and_single_tier_authority_data) as area_name,
        col_2014,
        col_2015,
        col_2016,
        col_2017,
        col_2018,
        col_2019,
        _source_file as source_file
    from source
    where {{ is_la_or_england_code('current_ons_code') }}
),

unpivoted as (
    select
        authority_code,
        area_name,
        2014 as snapshot_year,
        cast(col_2014 as {{ type_varchar() }}) as vacant_text,
        source_file
    from renamed
    union all
    select
        authority_code,
        area_name,
        2015 as snapshot_year,
        cast(col_2015 as {{ type_varchar() }}) as vacant_text,
        source_file
    from renamed
    union all
    select
        authority_code,
        area_name,
        2016 as snapshot_year,
        cast(col_2016 as {{ type_varchar() }}) as vacant_text,
        source_file
    from renamed
    union all
    select
        authority_code,
        area_name,
        2017 as snapshot_year,
        cast(col_2017 as {{ type_varchar() }}) as vacant_text,
        source_file
    from renamed
    union all
    select
        authority_code,
        area_name,
        2018 as snapshot_year,
        cast(col_2018 as {{ type_varchar() }}) as vacant_text,
        source_file
    from renamed
    union all
    select
        authority_code,
        area_name,
        2019 as snapshot_year,
        cast(col_2019 as {{ type_varchar() }}) as vacant_text,
        source_file
    from renamed
),

final as (
    select
        authority_code,
        area_name,
        snapshot_year,
        {{ financial_year_label('snapshot_year + 1') }} as period,
        snapshot_year + 1 as period_end_year,
        {{ parse_number('vacant_text') }} as long_term_vacant_dwellings,
        {{ number_or_null_flag('vacant_text') }} as is_suppressed,
        source_file
    from unpivoted
)

select * from final
