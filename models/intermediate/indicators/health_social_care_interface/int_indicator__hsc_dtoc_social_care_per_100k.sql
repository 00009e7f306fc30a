{#-
    Delayed transfers of care attributable to adult social care (catalogue
    `hsc_dtoc_social_care_per_100k`): delays attributable to social care alone (ASCOF 2C(2) as in
    2018-19; delays attributable to both are kept apart), per 100,000 population aged 18 and over.
    Numerator:   the average number of hospital beds a day occupied by patients whose transfer
                 of care was delayed for reasons attributable to social care.
    Denominator: population aged 18 and over (ONS mid-year estimate).
    Value:       per 100,000 adults: ASCOF's published outcome where there is one, else
                 numerator / denominator x 100,000 (ASCOF's method).
    Sources, in order of preference for an authority and year:
      1. ASCOF 2C(2), disaggregation 'Total' (int_indicator_inputs__ascof: NHS Digital open
         data, else the processed extract; 2018-19 in ../shared/data);
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

delayed_transfers as (
    select * from {{ ref('int_health__delayed_transfers') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

from_ascof as (
    select
        authority_code,
        period,
        period_end_year,
        value,  -- noqa: RF04
        numerator,
        denominator,
        source_dataset_id
    from ascof
    where measure_code = '2C(2)' and disaggregation = 'Total'
),

monthly_files as (
    select
        authority_code,
        period,
        period_end_year,
        average_delayed_beds_social_care as numerator,
        population_18_plus as denominator
    from delayed_transfers
    where
        average_delayed_beds_social_care is not null
        and population_18_plus > 0
        and period_end_year <= 2019
),

from_monthly_files as (
    select
        monthly_files.authority_code,
        monthly_files.period,
        monthly_files.period_end_year,
        monthly_files.numerator / monthly_files.denominator * 100000 as value,  -- noqa: RF04
        monthly_files.numerator,
        monthly_files.denominator,
        'nhse_dtoc_la_monthly' as source_dataset_id
    from monthly_files
    inner join areas on monthly_files.authority_code = areas.authority_code
    left join from_ascof
        on monthly_files.authority_code = from_ascof.authority_code and monthly_files.period = from_ascof.period
    where from_ascof.authority_code is null
),

combined as (
    select * from from_ascof
    union all
    select * from from_monthly_files
),

final as (
    select
        'health_social_care_interface' as lens_id,
        'hsc_dtoc_social_care_per_100k' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from combined
)

select * from final
