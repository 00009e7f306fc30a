{#-
    Homelessness prevented or relieved (catalogue `hou_prevention_relief_secured_pct`): share of
    prevention and relief duties ended in the year where accommodation was secured for at least
    six months. H-CLIC began in April 2018, so real values start in 2018-19 (P1E counted only
    successful cases, Table 792, which gives no share).
    Numerator:   prevention and relief duties ended with accommodation secured for 6+ months
                 (H-CLIC P1 + R1: measures `prevention_secured_accommodation` +
                 `relief_secured_accommodation`).
    Denominator: prevention and relief duties ended (P1 + R1: `prevention_duties_ended` +
                 `relief_duties_ended`).
    Value:       numerator / denominator x 100; numerator, denominator and value are null unless
                 all four parts have a value, and the value is null where the denominator is 0
                 (the row is kept).
    Source:      int_housing__area_counts (shire districts summed to counties, later-boundary
                 counts apportioned: is_apportioned when any part was).
    Period:      the financial year ('2018-19', period_end_year 2019).
-#}
{{ config(materialized='view') }}
with

area_counts as (
    select * from {{ ref('int_housing__area_counts') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

duties as (
    select
        authority_code,
        period,
        period_end_year,
        max(source_dataset_id) as source_dataset_id,
        max(case when is_apportioned then 1 else 0 end) = 1 as is_apportioned,
        sum(case when measure_id in ('prevention_secured_accommodation', 'relief_secured_accommodation') then value end)
            as secured,
        sum(case when measure_id in ('prevention_duties_ended', 'relief_duties_ended') then value end) as ended,
        count(value) as n_parts
    from area_counts
    where
        measure_id in (
            'prevention_secured_accommodation', 'relief_secured_accommodation',
            'prevention_duties_ended', 'relief_duties_ended'
        )
    group by authority_code, period, period_end_year
),

rates as (
    select
        authority_code,
        period,
        period_end_year,
        case when n_parts = 4 then secured end as numerator,
        case when n_parts = 4 then ended end as denominator,
        source_dataset_id,
        is_apportioned
    from duties
),

final as (
    select
        'housing_homelessness' as lens_id,
        'hou_prevention_relief_secured_pct' as indicator_id,
        rates.authority_code,
        rates.period,
        rates.period_end_year,
        cast(case
            when rates.numerator is null or rates.denominator is null or rates.denominator = 0 then null
            else rates.numerator / rates.denominator * 100
        end as {{ type_double() }}) as value,  -- noqa: RF04
        cast(rates.numerator as {{ type_double() }}) as numerator,
        cast(rates.denominator as {{ type_double() }}) as denominator,
        rates.source_dataset_id,
        coalesce(rates.is_apportioned, false) as is_apportioned
    from rates
    inner join areas on rates.authority_code = areas.authority_code
)

select * from final
