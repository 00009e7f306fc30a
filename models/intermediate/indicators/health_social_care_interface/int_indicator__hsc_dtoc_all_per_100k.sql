{#-
    Delayed transfers of care, all causes (catalogue `hsc_dtoc_all_per_100k`): delayed transfers
    whatever the responsible organisation (NHS, social care or both), per 100,000 population aged
    18 and over.
    Numerator:   the average number of hospital beds a day occupied by patients whose transfer
                 of care was delayed.
    Denominator: population aged 18 and over (ONS mid-year estimate).
    Value:       per 100,000 adults: ASCOF's published outcome where there is one, else
                 numerator / denominator x 100,000 (ASCOF's method).
    Sources, in order of preference for an authority and year (int_indicator_inputs__ascof):
      1. ASCOF 2C(1), disaggregation 'Total' (NHS Digital open data, else the processed
         extract; 2018-19 in ../shared/data);
      2. NHS England's monthly delayed transfers files summed over the year
         (int_health__delayed_transfers: a council-year with fewer than 12 monthly returns has no
         value; source nhse_dtoc_la_monthly).
    Areas:       2018 upper tier and England; a missing value gives no row.
    Period:      the financial year ('2017-18', period_end_year 2018), up to 2018-19.
-#}
{{ config(materialized='view') }}
with

ascof as (
    select * from {{ ref('int_indicator_inputs__ascof') }}
),

final as (
    select
        'health_social_care_interface' as lens_id,
        'hsc_dtoc_all_per_100k' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from ascof
    where measure_code = '2C(1)' and disaggregation = 'Total'
)

select * from final
