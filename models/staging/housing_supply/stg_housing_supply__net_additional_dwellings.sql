{#- Live Table 122: one column per financial year -> one row per area and year (2014-15 to
    2018-19). County (E10) total rows are kept and flagged (`is_county_total`); metropolitan county
    (E11) and block subtotal rows are dropped. Abolished districts have blank cells after their
    abolition and successors before their creation: blank -> null, never zero (is_suppressed: no
    number in the cell). -#}
with

source as (
    select * from {{ source('housing_supply', 'dluhc_net_additional_dwellings__lt122') }}
),

renamed as (
    select
        {{ normalise_authority_code('current_ons_code') }} as authority_code,
        coalesce(trim(lower_and_single_tier_authority_data), trim(met_and_shire_county_totals)) as area_name,
        upper(substring(trim(current_ons_code), 1, 3)) = 'E10' as is_county_total,
        col_2014_15,
        col_2015_16,
        col_2016_17,
        col_2017_18,
        col_2018_19,
        _source_file as source_file
    from source
    where {{ is_la_or_england_code('current_ons_code') }}
),

unpivoted as (
    select
        authority_code,
        area_name,
        is_county_total,
        '2014-15' as period,
        cast(col_2014_15 as {{ type_varchar() }}) as net_additional_text,
        source_file
    from renamed
    union all
    select
        authority_code,
        area_name,
        is_county_total,
        '2015-16' as period,
        cast(col_2015_16 as {{ type_varchar() }}) as net_additional_text,
        source_file
    from renamed
    union all
    select
        authority_code,
        area_name,
        is_county_total,
        '2016-17' as period,
        cast(col_2016_17 as {{ type_varchar() }}) as net_additional_text,
        source_file
    from renamed
    union all
    select
        authority_code,
        area_name,
        is_county_total,
        '2017-18' as period,
        cast(col_2017_18 as {{ type_varchar() }}) as net_additional_text,
        source_file
    from renamed
    union all
    select
        authority_code,
        area_name,
        is_county_total,
        '2018-19' as period,
        cast(col_2018_19 as {{ type_varchar() }}) as net_additional_text,
        source_file
    from renamed
),

final as (
    select
        authority_code,
        area_name,
        period,
        {{ financial_year_end('period') }} as period_end_year,
        {{ parse_number('net_additional_text') }} as net_additional_dwellings,
        {{ number_or_null_flag('net_additional_text') }} as is_suppressed,
        is_county_total,
        source_file
    from unpivoted
)

select * from final
