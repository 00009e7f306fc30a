{#-
    Plausible ranges for every indicator value an edition uses, by catalogue unit: shares
    (unit `percent`) lie in 0-100 and rates, counts per head and scores are not negative, except
    net additional dwellings, which can be negative when demolitions exceed completions.
    Returns the offending rows.
-#}
with

indicator_values as (
    select * from {{ ref('fct_indicator_values') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

final as (
    select
        indicator_values.edition,
        indicator_values.authority_code,
        indicator_values.indicator_id,
        indicators.unit,
        indicator_values.value
    from indicator_values
    inner join indicators on indicator_values.indicator_id = indicators.indicator_id
    where
        (indicators.unit = 'percent' and (indicator_values.value < 0 or indicator_values.value > 100))
        or (
            indicators.unit <> 'percent'
            and indicator_values.indicator_id <> 'hou_net_additional_dwellings_per_1000_households'
            and indicator_values.value < 0
        )
)

select * from final
