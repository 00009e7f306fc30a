{#-
    Spot checks against published figures (real data only): each expected row names a real
    authority, edition and indicator and the figure the publisher gives for that period
    (DfE SFR50/LAIT 2017 and 2018 children looked after rates per 10,000; Defra ENV18 2016-17
    household recycling rate; DfE SEN2 2016 EHC plans within 20 weeks; England CLA rate).
    A row is returned (the test fails) when the authority is in dim_authority, i.e. the real
    files were built, and the value is missing or differs by more than 0.05.
    On the demo data the real codes do not exist and the test has nothing to check.
-#}
with

expected as (
    select 2017 as edition, 'E10000018' as authority_code, 'csc_cla_rate' as indicator_id, 37.0 as published_value
    union all select 2018, 'E10000018', 'csc_cla_rate', 40.0
    union all select 2017, 'E08000010', 'csc_cla_rate', 66.0
    union all select 2018, 'E08000010', 'csc_cla_rate', 70.0
    union all select 2017, 'E09000026', 'csc_cla_rate', 30.0
    union all select 2017, 'E10000018', 'wst_household_recycling_pct', 49.7
    union all select 2017, 'E10000018', 'dis_ehc_plans_within_20_weeks', 97.8
    union all select 2017, 'E92000001', 'csc_cla_rate', 62.0
),

authorities as (
    select authority_code from {{ ref('dim_authority') }}
    union all
    select 'E92000001' as authority_code
),

actual as (
    select edition, authority_code, indicator_id, value from {{ ref('fct_indicator_values') }}
    union all
    select edition, 'E92000001' as authority_code, indicator_id, value
    from {{ ref('fct_indicator_england_values') }}
),

real_data_built as (
    select count(*) as real_authorities
    from {{ ref('dim_authority') }}
    where authority_code = 'E10000018'
),

final as (
    select
        expected.edition,
        expected.authority_code,
        expected.indicator_id,
        expected.published_value,
        actual.value
    from expected
    cross join real_data_built
    inner join authorities on expected.authority_code = authorities.authority_code
    left join actual
        on
            expected.edition = actual.edition
            and expected.authority_code = actual.authority_code
            and expected.indicator_id = actual.indicator_id
    where
        real_data_built.real_authorities = 1
        and (actual.value is null or abs(actual.value - expected.published_value) > 0.05)
)

select * from final
