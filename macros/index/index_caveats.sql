{#-
    The caveats of the index, written once: the flags of fct_lens_productivity and
    fct_overall_productivity and the tests that list the same rows use these macros.
    index_has_implausibly_low_spend(spend_index): the lens spend per head is below
        var('implausibly_low_spend_index') (25) per cent of the median of the ranked councils, so
        the productivity index is inflated by the division (usually spend booked elsewhere).
    index_min_indicators(indicators_in_lens): the fewest indicators a lens score needs
        (var('min_indicator_share') of the lens's catalogue indicators, rounded up), as
        index_has_enough_indicators applies it.
    index_has_few_indicators(indicators_used, indicators_in_lens): a scored lens rests on fewer
        than var('few_indicators_share') (0.5: fewer than 4 of 8) of its catalogue indicators.
-#}
{% macro index_has_implausibly_low_spend(spend_index) -%}
    coalesce({{ spend_index }} < {{ var('implausibly_low_spend_index', 25) }}, false)
{%- endmacro %}

{% macro index_min_indicators(indicators_in_lens) -%}
    cast(ceil({{ var('min_indicator_share', 0.5) }} * {{ indicators_in_lens }}) as integer)
{%- endmacro %}

{% macro index_has_few_indicators(indicators_used, indicators_in_lens) -%}
    coalesce(
        {{ index_has_enough_indicators(indicators_used, indicators_in_lens) }}
        and {{ indicators_used }} < {{ var('few_indicators_share', 0.5) }} * {{ indicators_in_lens }},
        false
    )
{%- endmacro %}

{#- index_format_gbp(amount): text of an amount in pounds for reasons and caveats, the same on every
    engine: '£84' (whole pounds from £10), '£2.80' (pence below £10); null stays null. -#}
{% macro index_format_gbp(amount) -%}
    case
        when {{ amount }} is null then null
        when {{ amount }} >= 9.995
            then '£' || cast(cast(round({{ amount }}) as bigint) as {{ type_varchar() }})
        else
            '£' || cast(cast(floor(round({{ amount }} * 100) / 100) as bigint) as {{ type_varchar() }})
            || '.' || lpad(cast(cast(round({{ amount }} * 100) as bigint) % 100 as {{ type_varchar() }}), 2, '0')
    end
{%- endmacro %}
