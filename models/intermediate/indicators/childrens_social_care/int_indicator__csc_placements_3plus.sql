{#-
    Children looked after with three or more placements in the year (catalogue
    `csc_placements_3plus`): share of children looked after at 31 March who had three or more
    placements during the year.
    Numerator:   children looked after at 31 March with 3 or more placements in the year.
    Denominator: children looked after at 31 March.
    Sources and value, by year:
      - up to 2016-17: LAIT's published percentage (measure LACStable_2016on; numerator and
        denominator null; int_indicator_inputs__lait, 2018 upper tier and England);
      - from 2017-18: 100 x numerator / denominator from the EES placement stability file, group
        'CLA on 31 March' (labels in the wording of the 2025 release, each year from the latest
        release covering it); no value where either count is suppressed or the denominator is 0.
    Areas (EES): England and local authorities, placed on 2018 codes by DfE number
                 (int_geography__dfe_authority_codes; EES publishes Buckinghamshire 825 as
                 E06000060 for every year, E10000002 in 2017-19); authorities created after 2019
                 have no values up to 2018-19 and are dropped.
    Period:      the year ending 31 March ('2016-17', period_end_year 2017).
-#}
{{ config(materialized='view') }}
with

lait as (
    select * from {{ ref('int_indicator_inputs__lait') }}
),

placement_stability_ees as (
    select * from {{ ref('stg_dfe_cla_underlying__ees_placement_stability') }}
),

dfe_codes as (
    select * from {{ ref('int_geography__dfe_authority_codes') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

from_lait as (
    select
        authority_code,
        period,
        period_end_year,
        value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'dfe_lait' as source_dataset_id
    from lait
    where measure_short = 'LACStable_2016on' and period_end_year <= 2017
),

counts as (
    select
        authority_code,
        dfe_code,
        geographic_level,
        period,
        period_end_year,
        max(case when characteristic = 'With 3 or more placements during the year' then number end) as numerator,
        max(case when characteristic = 'Total children' then number end) as denominator
    from placement_stability_ees
    where cla_group = 'CLA on 31 March'
    group by authority_code, dfe_code, geographic_level, period, period_end_year
),

shares as (
    select
        case
            when counts.geographic_level = 'national' then counts.authority_code
            else dfe_codes.authority_code
        end as authority_code,
        counts.period,
        counts.period_end_year,
        100.0 * counts.numerator / counts.denominator as value,  -- noqa: RF04
        counts.numerator,
        counts.denominator,
        'dfe_cla' as source_dataset_id
    from counts
    left join dfe_codes on counts.dfe_code = dfe_codes.dfe_code and dfe_codes.is_upper_tier_2018
    where
        counts.geographic_level in ('national', 'local authority')
        and counts.numerator is not null
        and counts.denominator > 0
),

combined as (
    select * from from_lait
    union all
    select * from shares
),

final as (
    select
        'childrens_social_care' as lens_id,
        'csc_placements_3plus' as indicator_id,
        combined.authority_code,
        combined.period,
        combined.period_end_year,
        cast(combined.value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(combined.numerator as {{ type_double() }}) as numerator,
        cast(combined.denominator as {{ type_double() }}) as denominator,
        combined.source_dataset_id,
        false as is_apportioned
    from combined
    inner join areas on combined.authority_code = areas.authority_code
)

select * from final
