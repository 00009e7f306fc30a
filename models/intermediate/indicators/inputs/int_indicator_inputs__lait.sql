{#-
    LAIT (DfE Local Authority Interactive Tool) values the indicator models read, as published:
    one row per LAIT measure (`measure_short`), area (int_indicator_inputs__areas: councils placed
    on 2018 codes by int_dfe__lait_values, and England) and year. Only final annual values: a
    national or local-authority row, no year status (provisional or revised flags), a four-digit
    year label (`2017`; the period is the financial or calendar year it stands for, from the
    measure's year type), and a value (suppressed values give no row).
-#}
with

lait_values as (
    select * from {{ ref('int_dfe__lait_values') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

final as (
    select
        lait_values.measure_short,
        lait_values.authority_code,
        lait_values.period,
        lait_values.period_end_year,
        lait_values.value
    from lait_values
    inner join areas on lait_values.authority_code = areas.authority_code
    where
        lait_values.geographic_level in ('national', 'local authority')
        and lait_values.year_status is null
        and lait_values.years like '____'
        and lait_values.value is not null
)

select * from final
