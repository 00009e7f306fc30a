{#-
    EES children looked after at 31 March, starting and ceasing, number and rate per 10,000
    under-18s, 2019 onwards: one row per area (England, region, local authority), year and
    measure.

    - Columns: the older file publishes the measure name under the header population_count and
      the count under number; the 2025 release calls them population_type and children_count
      (landed under the older names by the registry). population_estimate is the under-18
      population in both.
    - Releases: the raw table holds the 2024 revision (2019-2023) and the 2025 release
      (release_2025/, 2021-2025). A file's release is told by the latest year it covers
      (release_end_year); each year keeps the rows of the latest release that covers it, so
      2021 to 2023 come from the 2025 release (DfE's revised figures) and no year repeats.
    - Labels in the 2025 wording: 'Children looked after at 31 March each year' -> 'Children
      looked after on 31 March each year'.
    - Area: new_la_code, region_code or country_code by geographic_level (DfE number and name
      for local authorities only); time_period 2019 = year ending 31 March 2019 = '2018-19'.
    - Markers (x, c, z, ':') become null values, never zero; is_suppressed flags the number and
      is_rate_suppressed the rate.
-#}
with

source as (
    select * from {{ source('dfe_cla_underlying', 'dfe_cla__ees_cla_rate') }}
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
        case trim(population_count)
            when 'Children looked after at 31 March each year' then 'Children looked after on 31 March each year'
            else trim(population_count)
        end as measure,
        {{ parse_number('population_estimate') }} as population_under_18,
        {{ parse_number('number') }} as number,
        {{ parse_number('rate_per_10000') }} as rate_per_10000,
        {{ is_suppressed('number') }} as is_suppressed,
        {{ is_suppressed('rate_per_10000') }} as is_rate_suppressed,
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
        measure,
        population_under_18,
        number,
        rate_per_10000,
        is_suppressed,
        is_rate_suppressed,
        source_file
    from latest_release
    where release_end_year = latest_release_end_year
)

select * from final
