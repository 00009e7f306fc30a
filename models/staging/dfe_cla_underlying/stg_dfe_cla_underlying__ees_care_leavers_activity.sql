{#-
    EES care leavers aged 17-18 and 19-21 by main activity (education, employment, training or
    not), 2018 onwards: one row per area (England, region, local authority), year and category.

    - Releases: the raw table holds the older file (2018-2022) and the 2025 release
      (release_2025/, 2021-2025). A file's release is told by the latest year it covers
      (release_end_year); each year keeps the rows of the latest release that covers it, so
      2021 and 2022 come from the 2025 release (DfE's revised figures) and no year repeats.
    - Labels in the 2025 wording: the older file's 'Aged 17 to 18' / 'Aged 19 to 21' become
      '17 to 18 years' / '19 to 21 years'; the activity labels did not change.
    - Area: new_la_code, region_code or country_code by geographic_level (DfE number and name
      for local authorities only); time_period 2018 = year ending 31 March 2018 = '2017-18'.
    - Markers (x, c, z, ':') become null values, never zero; is_suppressed flags the number.
-#}
with

source as (
    select * from {{ source('dfe_cla_underlying', 'dfe_cla__ees_care_leavers_activity') }}
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
        cast(trim(time_period) as integer) as period_end_year,
        case trim(age)
            when 'Aged 17 to 18' then '17 to 18 years'
            when 'Aged 19 to 21' then '19 to 21 years'
            else trim(age)
        end as age_group,
        trim(activity) as activity,
        {{ parse_number('number') }} as number,
        {{ parse_number('percentage') }} as percentage,
        {{ is_suppressed('number') }} as is_suppressed,
        _source_file as source_file
    from source
    where trim(time_period) is not null and trim(time_period) <> ''
),

releases as (
    select
        renamed.*,
        max(renamed.period_end_year) over (partition by renamed.source_file) as release_end_year
    from renamed
),

latest_release as (
    select
        releases.*,
        max(releases.release_end_year) over (partition by releases.period_end_year) as latest_release_end_year
    from releases
),

final as (
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        {{ financial_year_label('period_end_year') }} as period,
        period_end_year,
        age_group,
        activity,
        number,
        percentage,
        is_suppressed,
        source_file
    from latest_release
    where release_end_year = latest_release_end_year
)

select * from final
