{#-
    Spot checks against published figures (seeds/reference/published_spot_checks.csv), per period
    of the indicator values (whichever edition uses that period): a row is
    returned (the test fails) when the real files were built (Leicestershire E10000018 is in
    dim_authority) and an expected value is missing or differs by more than 0.05 from the figure
    the publisher gives. On the demo data the real codes do not exist and nothing is checked.
-#}
with

expected as (
    select * from {{ ref('published_spot_checks') }}
),

actual as (
    select
        period,
        authority_code,
        indicator_id,
        value
    from {{ ref('int_indicator_values__all_periods') }}
),

real_data_built as (
    select count(*) as real_authorities
    from {{ ref('dim_authority') }}
    where authority_code = 'E10000018'
),

final as (
    select
        expected.period,
        expected.authority_code,
        expected.indicator_id,
        expected.published_value,
        actual.value
    from expected
    cross join real_data_built
    left join actual
        on
            expected.period = actual.period
            and expected.authority_code = actual.authority_code
            and expected.indicator_id = actual.indicator_id
    where
        real_data_built.real_authorities = 1
        and (actual.value is null or abs(actual.value - expected.published_value) > 0.05)
)

select * from final
