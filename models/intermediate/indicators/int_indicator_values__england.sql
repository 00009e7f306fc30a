{#-
    The England value of each indicator for the period an edition uses (the period chosen in
    int_indicator_values__editions), where the source publishes one (authority code: var `england_code`). The
    distance-to-England normalisation and the report's council pages compare councils with it.
    Indicators whose sources publish no England figure (most district-summed housing and waste
    measures) have no row; the index then uses the ranked councils' median.
-#}
with

values_all_periods as (
    select * from {{ ref('int_indicator_values__all_periods') }}
),

edition_periods as (
    select distinct
        edition,
        indicator_id,
        lens_id,
        period,
        period_end_year
    from {{ ref('int_indicator_values__editions') }}
),

final as (
    select
        edition_periods.edition,
        edition_periods.indicator_id,
        edition_periods.lens_id,
        edition_periods.period,
        edition_periods.period_end_year,
        values_all_periods.value,
        values_all_periods.numerator,
        values_all_periods.denominator,
        values_all_periods.source_dataset_id
    from edition_periods
    inner join values_all_periods
        on
            edition_periods.indicator_id = values_all_periods.indicator_id
            and edition_periods.period = values_all_periods.period
    where
        values_all_periods.authority_code = '{{ var("england_code") }}'
        and values_all_periods.value is not null
)

select * from final
