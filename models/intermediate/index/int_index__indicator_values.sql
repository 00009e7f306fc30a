{#-
    The indicator values the index scores: per edition, ranked council and indicator, the value of
    the latest period the edition may use (fct_indicator_values already picks it, on the edition's
    own geography; the latest period_end_year is kept if several arrive), with the indicator's lens and polarity, the
    direction (+1 higher is better, -1 lower is better) and the England reference value for the
    distance-to-England method: the England value of var('england_values_model') when set and
    published, else the median of the ranked councils' values (reference_source says which).
-#}
with

indicator_values as (
    select * from {{ ref('int_indicator_values__edition_geography') }}
),

indicators as (
    select * from {{ ref('int_indicators__catalogue') }}
),

authorities as (
    select * from {{ ref('int_geography__edition_authorities') }}
),

england as (
    {{ index_england_values() }}
),

ranked_values as (
    select
        indicator_values.edition,
        indicator_values.authority_code,
        indicator_values.indicator_id,
        indicator_values.period,
        indicator_values.period_end_year,
        indicator_values.value,
        row_number() over (
            partition by indicator_values.edition, indicator_values.authority_code, indicator_values.indicator_id
            order by indicator_values.period_end_year desc, indicator_values.period desc
        ) as recency
    from indicator_values
    inner join authorities
        on
            indicator_values.edition = authorities.edition
            and indicator_values.authority_code = authorities.authority_code
    where
        authorities.is_ranked
        and indicator_values.value is not null
),

latest as (
    select
        ranked_values.edition,
        ranked_values.authority_code,
        ranked_values.indicator_id,
        indicators.lens_id,
        indicators.polarity,
        ranked_values.period,
        ranked_values.period_end_year,
        cast(ranked_values.value as {{ type_double() }}) as value,  -- noqa: RF04
        case indicators.polarity
            when 'higher_is_better' then 1
            when 'lower_is_better' then -1
        end as direction
    from ranked_values
    inner join indicators on ranked_values.indicator_id = indicators.indicator_id
    where ranked_values.recency = 1
),

council_medians as (
    select
        edition,
        indicator_id,
        {{ median_of('value') }} as median_value
    from latest
    group by edition, indicator_id
),

final as (
    select
        latest.edition,
        latest.authority_code,
        latest.indicator_id,
        latest.lens_id,
        latest.polarity,
        latest.direction,
        latest.period,
        latest.period_end_year,
        latest.value,
        coalesce(england.england_value, council_medians.median_value) as reference_value,
        case
            when england.england_value is not null then 'england'
            else 'ranked_council_median'
        end as reference_source
    from latest
    inner join council_medians
        on
            latest.edition = council_medians.edition
            and latest.indicator_id = council_medians.indicator_id
    left join england
        on
            latest.edition = england.edition
            and latest.indicator_id = england.indicator_id
    where latest.direction is not null
)

select * from final
