{#-
    Carer-reported quality of life (catalogue `hsc_carer_quality_of_life`): average quality of
    life score (0 to 12) reported by unpaid carers in the biennial Survey of Adult Carers in
    England, ASCOF 1D, disaggregation 'Total' (all carers).
    Numerator:   sum of carers' quality of life scores.
    Denominator: carers responding to the survey.
    Value:       ASCOF's published score; numerator and denominator as published, null where the
                 source gives values only.
    Source:      int_indicator_inputs__ascof (NHS Digital open data, else the processed extract);
                 for an authority and year with no ASCOF value, Oflog ASC1 (the same measure,
                 values only: it fills the survey years 2016-17 and 2018-19 without an ASCOF
                 file). 2018 upper tier and England; a suppressed or missing value gives no row.
    Period:      the ASCOF financial year ('2016-17', period_end_year 2017), up to 2018-19.
-#}
{{ config(materialized='view') }}
with

ascof as (
    select * from {{ ref('int_indicator_inputs__ascof') }}
),

oflog_metrics as (
    select * from {{ ref('stg_oflog_asc__metrics') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

from_ascof as (
    select
        authority_code,
        period,
        period_end_year,
        value,
        numerator,
        denominator,
        source_dataset_id
    from ascof
    where measure_code = '1D' and disaggregation = 'Total'
),

from_oflog as (
    select
        oflog_metrics.authority_code,
        oflog_metrics.period,
        oflog_metrics.period_end_year,
        oflog_metrics.metric_value as value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'oflog_asc' as source_dataset_id
    from oflog_metrics
    inner join areas on oflog_metrics.authority_code = areas.authority_code
    left join from_ascof
        on oflog_metrics.authority_code = from_ascof.authority_code and oflog_metrics.period = from_ascof.period
    where
        oflog_metrics.metric_code = 'ASC1'
        and oflog_metrics.metric_value is not null
        and oflog_metrics.period_end_year <= 2019
        and from_ascof.authority_code is null
),

combined as (
    select * from from_ascof
    union all
    select * from from_oflog
),

final as (
    select
        'health_social_care_interface' as lens_id,
        'hsc_carer_quality_of_life' as indicator_id,
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
