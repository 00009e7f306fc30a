{#-
    Housing and homelessness counts per 1,000 households, for the `hou_*_per_1000_households`
    indicator models: one row per measure (every measure of int_housing__area_counts but the
    households themselves), area (int_indicator_inputs__areas: 2018 upper tier and England) and
    period where the area's households are known for the same period.
    numerator     the measure's count (households accepted, in temporary accommodation, dwellings ...);
    denominator   households in the area (measure `households`: P1E to 2017-18, H-CLIC A1 from
                  2018-19) for the same authority and period;
    value         numerator / denominator x 1,000, null where either is missing or the denominator
                  is 0 (the row is kept).
    source_dataset_id and is_apportioned come from the numerator (int_housing__area_counts: shire
    districts summed to counties, later-boundary counts apportioned to 2018 authorities).
    An indicator model takes its measure from here.
-#}
with

area_counts as (
    select * from {{ ref('int_housing__area_counts') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

counts as (
    select * from area_counts
    where measure_id <> 'households'
),

households as (
    select * from area_counts
    where measure_id = 'households'
),

final as (
    select
        counts.measure_id,
        counts.authority_code,
        counts.period,
        counts.period_end_year,
        case
            when counts.value is null or households.value is null or households.value = 0 then null
            else counts.value / households.value * 1000
        end as value,  -- noqa: RF04
        counts.value as numerator,
        households.value as denominator,
        counts.source_dataset_id,
        counts.is_apportioned
    from counts
    inner join households
        on
            counts.authority_code = households.authority_code
            and counts.period = households.period
    inner join areas on counts.authority_code = areas.authority_code
)

select * from final
