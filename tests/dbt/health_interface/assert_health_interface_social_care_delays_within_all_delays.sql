-- Delayed transfers attributable to social care are a part of all delayed transfers: for every
-- authority and year with both, the social care rate cannot exceed the all-delays rate.
with

indicators as (
    select * from {{ ref('int_indicators__health_social_care_interface') }}
),

social_care as (
    select
        authority_code,
        period,
        value
    from indicators
    where indicator_id = 'hsc_dtoc_social_care_per_100k'
),

all_delays as (
    select
        authority_code,
        period,
        value
    from indicators
    where indicator_id = 'hsc_dtoc_all_per_100k'
),

final as (
    select
        social_care.authority_code,
        social_care.period,
        social_care.value as social_care_value,
        all_delays.value as all_delays_value
    from social_care
    inner join all_delays
        on social_care.authority_code = all_delays.authority_code and social_care.period = all_delays.period
    where social_care.value > all_delays.value + 0.05
)

select * from final
