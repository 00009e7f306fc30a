{#-
    The DfE's series of ONS mid-year estimates of children aged 0 to 17 (the denominator of its
    children's rates), mid-2012 to mid-2024: one row per area (England, region, local authority),
    mid-year and age group. time_period is the mid-year (30 June) of the estimate. Areas as the DfE
    publishes them for each year (Buckinghamshire is E10000002 up to 2019 and E06000060 from 2020;
    no mapping between geographies here). Every year is a later ONS revision than the MYE2 workbook
    first published for it (stg_population__mye2_persons), so the two differ (Leicestershire 0-17,
    mid-2019: 139,012 here, 141,860 in the mid-2019 workbook; mid-2023: 145,610 and 145,169). They
    are kept apart: a different series, not an overlapping release of the same one.
-#}
with

source as (
    select * from {{ source('population', 'dfe_child_population__children_0_17') }}
),

renamed as (
    select
        case lower(trim(geographic_level))
            when 'national' then {{ normalise_authority_code('country_code') }}
            when 'regional' then {{ normalise_authority_code('region_code') }}
            else {{ normalise_authority_code('new_la_code') }}
        end as authority_code,
        case when lower(trim(geographic_level)) = 'local authority' then trim(old_la_code) end as dfe_code,
        case when lower(trim(geographic_level)) = 'local authority' then trim(la_name) end as authority_name,
        lower(trim(geographic_level)) as geographic_level,
        trim(age_group) as age_group,
        cast(trim(time_period) as integer) as mid_year,
        {{ parse_number('population_estimate') }} as persons,
        {{ is_suppressed('population_estimate') }} as is_suppressed,
        _source_file as source_file
    from source
    where nullif(trim(time_period), '') is not null
),

final as (
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        age_group,
        mid_year,
        cast(mid_year as {{ type_varchar() }}) as period,
        mid_year as period_end_year,
        persons,
        is_suppressed,
        source_file
    from renamed
)

select * from final
