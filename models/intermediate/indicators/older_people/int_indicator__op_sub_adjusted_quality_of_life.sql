{#-
    Adjusted social care-related quality of life, all service users (catalogue
    `op_sub_adjusted_quality_of_life`, substitute for `op_care_related_quality_of_life`): ASCOF 1J as
    published by Oflog (metric ASC2, 'Outcome, ASC Quality of Life').
    Substitute (catalogue `substitutes_for`): enters the older people lens only in an edition where
    the indicator it stands in for has no values (int_indicator_values__editions).
    Value:       Oflog's published value; numerator and denominator not published (null).
    Source:      stg_oflog_asc__metrics, metric ASC2, 2018 upper tier and England
                 (int_indicator_inputs__areas); a suppressed or missing value gives no row.
    Period:      the financial year of the survey or return ('2016-17', period_end_year 2017), up
                 to 2018-19.
-#}
{{ config(materialized='view') }}
with

oflog_metrics as (
    select * from {{ ref('stg_oflog_asc__metrics') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

final as (
    select
        'older_people' as lens_id,
        'op_sub_adjusted_quality_of_life' as indicator_id,
        oflog_metrics.authority_code,
        oflog_metrics.period,
        oflog_metrics.period_end_year,
        cast(oflog_metrics.metric_value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'oflog_asc' as source_dataset_id,
        false as is_apportioned
    from oflog_metrics
    inner join areas on oflog_metrics.authority_code = areas.authority_code
    where
        oflog_metrics.metric_code = 'ASC2'
        and oflog_metrics.metric_value is not null
        and oflog_metrics.period_end_year <= 2019
)

select * from final
