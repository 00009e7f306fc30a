{#-
    EES care leavers aged 17-18 and 19-21 by suitability of accommodation, 2018 onwards.
    EES tidy file: one row per area, year and category. The area is the local authority
    (new_la_code, DfE number old_la_code), the region (region_code) or England (country_code)
    by geographic_level. time_period 2018 = year ending 31 March 2018 = period '2017-18'.
    Markers (x, c, z, ':') become null with is_suppressed = true, never zero.
-#}
with

source as (
    select * from {{ source('dfe_cla_underlying', 'dfe_cla__ees_care_leavers_accommodation') }}
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
        {{ financial_year_label('cast(trim(time_period) as integer)') }} as period,
        cast(trim(time_period) as integer) as period_end_year,
        trim(age) as age_group,
        trim(accommodation_suitability) as accommodation_suitability,
        {{ parse_number('number') }} as number,
        {{ parse_number('percentage') }} as percentage,
        {{ is_suppressed('number') }} as is_suppressed,
        _source_file as source_file
    from source
    where trim(time_period) is not null and trim(time_period) <> ''
)

select * from renamed
