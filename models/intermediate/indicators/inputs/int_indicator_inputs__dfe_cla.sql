{#-
    DfE children looked after counts for the indicator models, one row per area (2018 upper tier
    and England), year ending 31 March and series, in one place rather than copied into each
    children's social care indicator.
    Publications: SFR41/2016 (2015-16) and SFR50/2017 (2016-17), `dfe_series = 'sfr'`; Explore
    Education Statistics from 2017-18, `dfe_series = 'ees'` (labels in the wording of the 2025
    release, which staging gives every year; each year from the latest release covering it).
    Counts (null where the publisher suppressed them or the file does not give them):
      cla_during_year, cla_missing_during_year      children looked after during the year, and of
                                                    them those with a missing incident (SFR: the
                                                    missing file and the children looked after file)
      care_leavers_19_21_accommodation_total,       care leavers aged 19-21 in the accommodation
      care_leavers_19_21_suitable_accommodation     table, and of them those in accommodation
                                                    considered suitable
      care_leavers_19_21_activity_total,            care leavers aged 19-21 in the activity table, and
      care_leavers_19_21_eet                        of them those in education, employment or
                                                    training (SFR: higher education + other education
                                                    + training or employment, null if any is
                                                    suppressed; EES: its total). The SFRs give one
                                                    19-21 total for both tables.
      sdq_received, sdq_concern                     children 5-16 looked after 12+ months with an
                                                    SDQ score, and of them those whose score is 17+
    Areas: England and local authorities, placed on 2018 codes by DfE number
    (int_geography__dfe_authority_codes; EES publishes Buckinghamshire 825 as E06000060 for every
    year, E10000002 in 2017-19); authorities created after 2019 have no values up to 2018-19 and
    are dropped (int_indicator_inputs__areas). The rows of one area and year can come from files
    that code it differently (EES gives North Yorkshire and Somerset 2019-20 new codes in one table
    and old in another): they are placed first, then pivoted into one row.
-#}
with

care_leavers_2016 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr41_care_leavers_2016') }}
),

care_leavers_2017 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr50_care_leavers_19_21_2017') }}
),

missing_2016 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr41_missing_2016') }}
),

looked_after_2016 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr41_cla_2016') }}
),

missing_2017 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr50_missing_2017') }}
),

looked_after_2017 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr50_cla_2017') }}
),

outcomes_2016 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr41_oc2_2016') }}
),

outcomes_2017 as (
    select * from {{ ref('stg_dfe_cla_underlying__sfr50_oc2_2017') }}
),

accommodation_ees as (
    select * from {{ ref('stg_dfe_cla_underlying__ees_care_leavers_accommodation') }}
),

activity_ees as (
    select * from {{ ref('stg_dfe_cla_underlying__ees_care_leavers_activity') }}
),

missing_ees as (
    select * from {{ ref('stg_dfe_cla_underlying__ees_missing') }}
),

outcomes_ees as (
    select * from {{ ref('stg_dfe_cla_underlying__ees_outcomes') }}
),

dfe_codes as (
    select * from {{ ref('int_geography__dfe_authority_codes') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

sfr_rows as (
    {%- for relation in [
        'care_leavers_2016', 'care_leavers_2017', 'missing_2016', 'looked_after_2016',
        'missing_2017', 'looked_after_2017', 'outcomes_2016', 'outcomes_2017'
    ] %}
        select
            'sfr' as dfe_series,
            authority_code,
            dfe_code,
            geographic_level,
            period,
            period_end_year,
            measure,
            value  -- noqa: RF04
        from {{ relation }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

ees_rows as (
    select
        'ees' as dfe_series,
        authority_code,
        dfe_code,
        geographic_level,
        period,
        period_end_year,
        case accommodation_suitability
            when 'Suitability total' then 'care_leavers_19_21_accommodation_total'
            when 'Accommodation considered suitable' then 'care_leavers_19_21_suitable_accommodation'
        end as measure,
        number as value  -- noqa: RF04
    from accommodation_ees
    where age_group = '19 to 21 years'
    union all
    select
        'ees' as dfe_series,
        authority_code,
        dfe_code,
        geographic_level,
        period,
        period_end_year,
        case activity
            when 'Total' then 'care_leavers_19_21_activity_total'
            when 'Total in education, employment or training' then 'care_leavers_19_21_eet'
        end as measure,
        number as value  -- noqa: RF04
    from activity_ees
    where age_group = '19 to 21 years'
    union all
    select
        'ees' as dfe_series,
        authority_code,
        dfe_code,
        geographic_level,
        period,
        period_end_year,
        case measure
            when 'Children looked after during the year' then 'cla_during_year'
            when 'Children who had a missing incident during the year' then 'cla_missing_during_year'
        end as measure,
        value  -- noqa: RF04
    from missing_ees
    union all
    select
        'ees' as dfe_series,
        authority_code,
        dfe_code,
        geographic_level,
        period,
        period_end_year,
        case characteristic
            when 'SDQ score was received' then 'sdq_received'
            when 'SDQ score is a cause for concern' then 'sdq_concern'
        end as measure,
        number as value  -- noqa: RF04
    from outcomes_ees
    where cla_group = 'Ages 5 to 16 years with SDQ score'
),

published_rows as (
    select * from sfr_rows
    union all
    select * from ees_rows
),

placed as (
    select
        case
            when published_rows.geographic_level = 'national' then published_rows.authority_code
            else dfe_codes.authority_code
        end as authority_code,
        published_rows.period,
        published_rows.period_end_year,
        published_rows.dfe_series,
        published_rows.measure,
        published_rows.value  -- noqa: RF04
    from published_rows
    left join dfe_codes
        on published_rows.dfe_code = dfe_codes.dfe_code and dfe_codes.is_upper_tier_2018
    where published_rows.geographic_level in ('national', 'local authority')
),

final as (
    select
        placed.authority_code,
        placed.period,
        placed.period_end_year,
        placed.dfe_series,
        max(case when placed.measure = 'cla_during_year' then placed.value end) as cla_during_year,
        max(case when placed.measure = 'cla_missing_during_year' then placed.value end) as cla_missing_during_year,
        max(
            case
                when placed.measure in ('care_leavers_19_21_accommodation_total', 'care_leavers_19_21_total')
                    then placed.value
            end
        ) as care_leavers_19_21_accommodation_total,
        max(case when placed.measure = 'care_leavers_19_21_suitable_accommodation' then placed.value end)
            as care_leavers_19_21_suitable_accommodation,
        max(
            case
                when placed.measure in ('care_leavers_19_21_activity_total', 'care_leavers_19_21_total')
                    then placed.value
            end
        ) as care_leavers_19_21_activity_total,
        coalesce(
            max(case when placed.measure = 'care_leavers_19_21_eet' then placed.value end),
            max(case when placed.measure = 'care_leavers_19_21_higher_education' then placed.value end)
            + max(case when placed.measure = 'care_leavers_19_21_other_education' then placed.value end)
            + max(case when placed.measure = 'care_leavers_19_21_training_employment' then placed.value end)
        ) as care_leavers_19_21_eet,
        max(case when placed.measure = 'sdq_received' then placed.value end) as sdq_received,
        max(case when placed.measure = 'sdq_concern' then placed.value end) as sdq_concern
    from placed
    inner join areas on placed.authority_code = areas.authority_code
    group by placed.authority_code, placed.period, placed.period_end_year, placed.dfe_series
)

select * from final
