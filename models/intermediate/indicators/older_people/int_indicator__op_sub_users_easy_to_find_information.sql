{#-
    Service users who find it easy to find information (catalogue
    `op_sub_users_easy_to_find_information`, substitute for `op_satisfaction_with_care`): ASCOF 3D(1)
    as published by Oflog (metric ASC3), percent.
    Substitute (catalogue `substitutes_for`): enters the older people lens only in an edition where
    the indicator it stands in for has no values (int_indicator_values__editions).
    Value:       Oflog's published value; numerator and denominator not published (null).
    Source:      stg_oflog_asc__metrics, metric ASC3, 2018 upper tier and England
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
        'op_sub_users_easy_to_find_information' as indicator_id,
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
        oflog_metrics.metric_code = 'ASC3'
        and oflog_metrics.metric_value is not null
        and oflog_metrics.period_end_year <= 2019
)

select * from final
