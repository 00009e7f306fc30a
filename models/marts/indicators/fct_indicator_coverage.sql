{#-
    How many ranked councils have a value for each indicator in each edition, and which period the
    edition uses: one row per edition and catalogue indicator, including indicators with no data
    at all (period null, councils_with_value 0), so gaps are visible rather than silent. Councils
    are those of the edition's own geography (dim_edition_authority); `coverage_status` says per
    edition whether the indicator is real, a substitute in use, or missing, and
    `councils_missing_after_mapping` counts the ranked councils of a later geography that have no
    value because a rate could not be recomputed for their area (no numerator and denominator).
-#}
with

editions as (
    select * from {{ ref('editions') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
),

indicator_values as (
    select * from {{ ref('fct_indicator_values') }}
),

ranked_count as (
    select
        edition,
        cast(count(*) as bigint) as ranked_councils
    from {{ ref('dim_edition_authority') }}
    where is_ranked
    group by edition
),

base_values as (
    select * from {{ ref('int_indicator_values__editions') }}
),

edition_authorities as (
    select * from {{ ref('dim_edition_authority') }}
),

pieces as (
    select * from {{ ref('int_geography__edition_area_map') }}
),

base_covered as (
    -- ranked councils of the edition whose 2018 pieces all have a value
    select
        base_values.edition,
        base_values.indicator_id,
        count(distinct edition_authorities.authority_code) as councils_with_base_value
    from base_values
    inner join pieces
        on
            base_values.edition = pieces.edition
            and base_values.authority_code = pieces.base_code
    inner join edition_authorities
        on
            pieces.edition = edition_authorities.edition
            and pieces.authority_code = edition_authorities.authority_code
    where edition_authorities.is_ranked and base_values.value is not null
    group by base_values.edition, base_values.indicator_id
),

per_indicator as (
    select
        edition,
        indicator_id,
        min(period) as period,
        min(period_end_year) as period_end_year,
        cast(sum(case when is_ranked then 1 else 0 end) as bigint) as councils_with_value,
        cast(count(*) as bigint) as authorities_with_value
    from indicator_values
    group by edition, indicator_id
),

final as (
    select
        editions.edition,
        indicators.indicator_id,
        indicators.lens_id,
        indicators.source_dataset_id,
        per_indicator.period,
        per_indicator.period_end_year,
        coalesce(per_indicator.councils_with_value, 0) as councils_with_value,
        coalesce(per_indicator.authorities_with_value, 0) as authorities_with_value,
        ranked_count.ranked_councils,
        cast(
            100.0
            * coalesce(per_indicator.councils_with_value, 0)
            / ranked_count.ranked_councils as {{ type_double() }}
        )
            as coverage_pct,
        coalesce(per_indicator.councils_with_value, 0)
        < {{ var('coverage_warning_share', 0.9) }} * ranked_count.ranked_councils as is_below_coverage_threshold,
        cast(
            case
                when coalesce(per_indicator.councils_with_value, 0) = 0 and indicators.substitutes_for is not null
                    then 'substitute not used'
                when coalesce(per_indicator.councils_with_value, 0) = 0 then 'missing'
                when indicators.substitutes_for is not null then 'substitute'
                else 'real'
            end as {{ type_varchar() }}
        ) as coverage_status,
        cast(
            case
                when coalesce(base_covered.councils_with_base_value, 0) > coalesce(per_indicator.councils_with_value, 0)
                    then base_covered.councils_with_base_value - coalesce(per_indicator.councils_with_value, 0)
                else 0
            end as bigint
        ) as councils_missing_after_mapping
    from editions
    cross join indicators
    inner join ranked_count on editions.edition = ranked_count.edition
    left join base_covered
        on
            editions.edition = base_covered.edition
            and indicators.indicator_id = base_covered.indicator_id
    left join per_indicator
        on
            editions.edition = per_indicator.edition
            and indicators.indicator_id = per_indicator.indicator_id
)

select * from final
