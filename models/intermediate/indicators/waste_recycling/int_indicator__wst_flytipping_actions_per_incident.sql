{#-
    Fly-tipping enforcement actions per incident (catalogue `wst_flytipping_actions_per_incident`):
    enforcement actions taken by the council (investigations, warning letters, notices, fixed
    penalties, prosecutions and others) per fly-tipping incident reported in the same year.
    Numerator:   enforcement actions (Defra ENV24).
    Denominator: fly-tipping incidents reported.
    Source:      int_indicator_inputs__flytipping: unitary, metropolitan and London boroughs as
                 published, a county the sums over its shire districts when all of them reported,
                 England's published row.
    Value:       numerator / denominator; no row where either is missing or there was no
                 incident.
    Period:      the financial year ('2017-18', period_end_year 2018).
-#}
{{ config(materialized='view') }}
with

flytipping as (
    select * from {{ ref('int_indicator_inputs__flytipping') }}
),

rates as (
    select
        authority_code,
        period,
        period_end_year,
        total_actions / total_incidents as value,  -- noqa: RF04
        total_actions as numerator,
        total_incidents as denominator
    from flytipping
    where total_incidents > 0
),

final as (
    select
        'waste_recycling' as lens_id,
        'wst_flytipping_actions_per_incident' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        'defra_flytipping' as source_dataset_id,
        false as is_apportioned
    from rates
    where value is not null
)

select * from final
