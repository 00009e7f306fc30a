{#- Live Table 1008C (total additional affordable dwellings, completions): one column per financial
    year -> one row per area and year (2014-15 to 2018-19). No county rows. The England row has
    'England' in the first column and no code: it is given England's code (var `england_code`). '-' (nil or less than half the
    final digit) and '..' (not applicable) become null, flagged is_suppressed (no number in the
    cell). -#}
with

source as (
    select * from {{ source('housing_supply', 'dluhc_affordable_housing_supply__lt1008c') }}
),

renamed as (
    select
        case
            when lower(trim(col_1)) = 'england' then '{{ var("england_code") }}'
            else {{ normalise_authority_code('current_ons_code') }}
        end as authority_code,
        case
            when lower(trim(col_1)) = 'england' then 'England'
            else trim(lower_and_single_tier_authority_data)
        end as area_name,
        col_2014_15,
        col_2015_16,
        col_2016_17,
        col_2017_18,
        col_2018_19,
        _source_file as source_file
    from source
),

filtered as (
    select * from renamed
    where {{ is_la_or_england_code('authority_code') }}
),

unpivoted as (
    select
        authority_code,
        area_name,
        '2014-15' as period,
        cast(col_2014_15 as {{ type_varchar() }}) as completions_text,
        source_file
    from filtered
    union all
    select
        authority_code,
        area_name,
        '2015-16' as period,
        cast(col_2015_16 as {{ type_varchar() }}) as completions_text,
        source_file
    from filtered
    union all
    select
        authority_code,
        area_name,
        '2016-17' as period,
        cast(col_2016_17 as {{ type_varchar() }}) as completions_text,
        source_file
    from filtered
    union all
    select
        authority_code,
        area_name,
        '2017-18' as period,
        cast(col_2017_18 as {{ type_varchar() }}) as completions_text,
        source_file
    from filtered
    union all
    select
        authority_code,
        area_name,
        '2018-19' as period,
        cast(col_2018_19 as {{ type_varchar() }}) as completions_text,
        source_file
    from filtered
),

final as (
    select
        authority_code,
        area_name,
        period,
        {{ financial_year_end('period') }} as period_end_year,
        {{ parse_number('completions_text') }} as affordable_completions,
        {{ number_or_null_flag('completions_text') }} as is_suppressed,
        source_file
    from unpivoted
)

select * from final
