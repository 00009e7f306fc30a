{#-
    The indicator values of each edition on the edition's own geography: one row per edition,
    authority in existence at its publication date (int_geography__edition_authorities) and
    indicator with a value. int_indicator_values__editions holds them on 2018 geography (the period
    each edition uses, the same for every council); here they are mapped with
    int_geography__edition_area_map:
      - an authority that is exactly one whole 2018 authority (the same one, or a successor on the
        same boundary) keeps that authority's value, numerator and denominator;
      - any other (a merger, or a part of a split 2018 authority) gets numerator and denominator
        summed over its 2018 pieces, each x base_share (counts apportioned by mid-2017 population
        where a 2018 authority is split), and the rate RECOMPUTED from them: value = k x
        sum(numerator) / sum(denominator), k the indicator's scale (100 for a percentage, 1,000
        or 100,000 for a rate per 1,000 or 100,000: the power of ten that value x denominator /
        numerator is within 2% of on every row of the edition); an indicator with no such scale
        takes the denominator-weighted mean of the pieces' values (the same number when the
        values are exact). It needs every piece to have a value, a numerator and a denominator;
        otherwise the authority has no row (a rate is never copied to an area it was not measured
        for; fct_indicator_coverage counts what is missing).
    An authority created after 2018 whose own value is published for the period the edition uses
    (int_indicator_values__editions keeps those rows) takes that value as published instead
    (`is_recomputed` false).
    `is_apportioned`: a piece was apportioned (base_share < 1) or its value already was.
    `mapping_rule`: how the authority stands on 2018 geography.
-#}
with

values_2018 as (
    select * from {{ ref('int_indicator_values__editions') }}
),

area_map as (
    select * from {{ ref('int_geography__edition_area_map') }}
),

edition_authorities as (
    select * from {{ ref('int_geography__edition_authorities') }}
),

scale_exponents as (
    -- log10 of value x denominator / numerator on every row with all three positive
    select
        edition,
        indicator_id,
        log10(value * denominator / numerator) as exponent
    from values_2018
    where value > 0 and numerator > 0 and denominator > 0
),

scales as (
    -- the indicator's scale k where every row is within 2% of one power of ten
    select
        edition,
        indicator_id,
        power(10.0, min(round(exponent))) as scale
    from scale_exponents
    group by edition, indicator_id
    having
        min(round(exponent)) = max(round(exponent))
        and max(abs(exponent - round(exponent))) < 0.0086
),

pieces_expected as (
    select
        edition,
        authority_code,
        count(*) as n_pieces
    from area_map
    group by edition, authority_code
),

mapped as (
    select
        area_map.edition,
        area_map.authority_code,
        area_map.mapping_rule,
        area_map.is_whole_area,
        values_2018.indicator_id,
        values_2018.lens_id,
        values_2018.period,
        values_2018.period_end_year,
        values_2018.value,
        values_2018.numerator * area_map.base_share as numerator,
        values_2018.denominator * area_map.base_share as denominator,
        values_2018.source_dataset_id,
        values_2018.is_apportioned or area_map.base_share < 0.999999 as is_apportioned
    from values_2018
    inner join area_map
        on
            values_2018.edition = area_map.edition
            and values_2018.authority_code = area_map.base_code
    where values_2018.value is not null
),

aggregated as (
    select
        edition,
        authority_code,
        indicator_id,
        max(mapping_rule) as mapping_rule,
        max(case when is_whole_area then 1 else 0 end) = 1 as is_whole_area,
        max(lens_id) as lens_id,
        max(period) as period,
        max(period_end_year) as period_end_year,
        count(*) as n_pieces_with_value,
        sum(case when numerator is not null and denominator is not null then 1 else 0 end) as n_pieces_with_counts,
        max(value) as single_value,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        sum(value * denominator) as value_x_denominator,
        max(source_dataset_id) as source_dataset_id,
        max(case when is_apportioned then 1 else 0 end) = 1 as is_apportioned
    from mapped
    group by edition, authority_code, indicator_id
),

valued as (
    select
        aggregated.*,
        case
            when aggregated.is_whole_area then aggregated.single_value
            when
                aggregated.n_pieces_with_value = pieces_expected.n_pieces
                and aggregated.n_pieces_with_counts = pieces_expected.n_pieces
                and aggregated.denominator <> 0
                then coalesce(
                    scales.scale * aggregated.numerator / aggregated.denominator,
                    aggregated.value_x_denominator / aggregated.denominator
                )
        end as value  -- noqa: RF04
    from aggregated
    inner join pieces_expected
        on
            aggregated.edition = pieces_expected.edition
            and aggregated.authority_code = pieces_expected.authority_code
    left join scales
        on
            aggregated.edition = scales.edition
            and aggregated.indicator_id = scales.indicator_id
),

published as (
    -- values published for an authority created after 2018, on its own boundaries
    select
        values_2018.edition,
        values_2018.authority_code,
        values_2018.indicator_id,
        values_2018.lens_id,
        values_2018.period,
        values_2018.period_end_year,
        values_2018.value,
        values_2018.numerator,
        values_2018.denominator,
        values_2018.source_dataset_id,
        values_2018.is_apportioned,
        edition_authorities.is_ranked,
        edition_authorities.mapping_rule,
        false as is_recomputed
    from values_2018
    inner join edition_authorities
        on
            values_2018.edition = edition_authorities.edition
            and values_2018.authority_code = edition_authorities.authority_code
    where
        values_2018.value is not null
        and edition_authorities.mapping_rule <> 'same_authority'
),

mapped_values as (
    select
        valued.edition,
        valued.authority_code,
        valued.indicator_id,
        valued.lens_id,
        valued.period,
        valued.period_end_year,
        cast(valued.value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(valued.numerator as {{ type_double() }}) as numerator,
        cast(valued.denominator as {{ type_double() }}) as denominator,
        valued.source_dataset_id,
        valued.is_apportioned,
        edition_authorities.is_ranked,
        valued.mapping_rule,
        not valued.is_whole_area as is_recomputed
    from valued
    inner join edition_authorities
        on
            valued.edition = edition_authorities.edition
            and valued.authority_code = edition_authorities.authority_code
    where
        valued.value is not null
        and not exists (
            select 1 from published
            where
                published.edition = valued.edition
                and published.authority_code = valued.authority_code
                and published.indicator_id = valued.indicator_id
        )
),

final as (
    select
        edition,
        authority_code,
        indicator_id,
        lens_id,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        is_apportioned,
        is_ranked,
        mapping_rule,
        is_recomputed
    from published
    union all
    select * from mapped_values
)

select * from final
