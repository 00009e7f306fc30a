{#- Autumn snapshot counts, one column per year -> one row per area and year. The single-night
    count of autumn YYYY falls in financial year YYYY-(YY+1): period '2017-18' and
    period_end_year 2018 for autumn 2017 (snapshot_year keeps the published year). England and
    region rows carry '---' as LA code and their code in the region column. Areas are on April-2022
    geography as published. A cell with no number becomes null, flagged is_suppressed. -#}
with

source as (
    select * from {{ source('rough_sleeping', 'dluhc_rough_sleeping_snapshot__table1_total') }}
),

renamed as (
    select
        case
            when {{ is_la_or_england_code('local_authority_ons_code') }}
                then {{ normalise_authority_code('local_authority_ons_code') }}
            else {{ normalise_authority_code('region_ons_code') }}
        end as authority_code,
        case
            when {{ is_la_or_england_code('local_authority_ons_code') }} then trim(local_authority)
            else trim(region)
        end as area_name,
        col_2014,
        col_2015,
        col_2016,
        col_2017,
        col_2018,
        col_2019,
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
        2014 as snapshot_year,
        cast(col_2014 as {{ type_varchar() }}) as rough_sleepers_text,
        source_file
    from filtered
    union all
    select
        authority_code,
        area_name,
        2015 as snapshot_year,
        cast(col_2015 as {{ type_varchar() }}) as rough_sleepers_text,
        source_file
    from filtered
    union all
    select
        authority_code,
        area_name,
        2016 as snapshot_year,
        cast(col_2016 as {{ type_varchar() }}) as rough_sleepers_text,
        source_file
    from filtered
    union all
    select
        authority_code,
        area_name,
        2017 as snapshot_year,
        cast(col_2017 as {{ type_varchar() }}) as rough_sleepers_text,
        source_file
    from filtered
    union all
    select
        authority_code,
        area_name,
        2018 as snapshot_year,
        cast(col_2018 as {{ type_varchar() }}) as rough_sleepers_text,
        source_file
    from filtered
    union all
    select
        authority_code,
        area_name,
        2019 as snapshot_year,
        cast(col_2019 as {{ type_varchar() }}) as rough_sleepers_text,
        source_file
    from filtered
),

final as (
    select
        authority_code,
        area_name,
        snapshot_year,
        {{ financial_year_label('snapshot_year + 1') }} as period,
        snapshot_year + 1 as period_end_year,
        {{ parse_number('rough_sleepers_text') }} as rough_sleepers,
        {{ number_or_null_flag('rough_sleepers_text') }} as is_suppressed,
        source_file
    from unpivoted
)

select * from final
