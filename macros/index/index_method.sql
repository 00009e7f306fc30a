{#-
    The rules of the index method after normalisation (steps 2-4 of
    models/marts/index/_index__docs.md), one macro per rule, written once and used both by the
    index models (int_index__lens_outcomes, int_index__lens_productivity,
    int_index__overall_productivity) and by the rank simulation (int_analysis__rank_runs), so a
    change to a rule changes the index and its uncertainty together.

    index_lens_outcome_score(score, weight=none): aggregate, the lens outcome score: the mean of
        the council's indicator scores in the lens; with `weight`, the weighted mean (the
        simulation's random indicator weights; weights of null scores are left out).
    index_lens_outcome_score_slots(scores, weights): the same weighted mean over columns rather
        than rows (the rank simulation lays a lens's scores out one column per indicator): lists
        of SQL expressions, the score and weight of each indicator of the lens; a null weight
        leaves the indicator out, a null score is not used.
    index_indicators_used_slots(scores, weights): the number of those indicators with a score and
        a weight (the index's count of a council's scores in the lens).
    index_has_enough_indicators(indicators_used, indicators_in_lens): boolean expression, whether a
        lens outcome score counts: scores on at least var('min_indicator_share') of the lens's
        indicators (and at least one).
    index_outcome_index(outcome_score, mean_outcome_score, sd_outcome_score): 100 + 10 x the
        outcome score standardised by the mean and sample sd across the ranked councils of the
        edition and lens; null when the sd is 0.
    index_spend_index(spend_per_head, median_spend_per_head): 100 x spend per head / median.
    index_productivity_index(outcome_index, spend_index): 100 x outcome index / spend index.
    index_mean_lens_rank(lens_rank, weight=none): aggregate, the mean of the council's lens ranks
        (the ranked lenses only); with `weight`, the weighted mean (random lens weights).
    index_is_ranked_overall(lenses_ranked): boolean expression, at least var('min_lenses_ranked')
        ranked lenses.
    index_rank(value, partition_by, descending=true): window expression, the competition rank
        (`rank()`: ties share the lowest rank) of `value` within `partition_by`, null where
        `value` is null (nulls sort last, said explicitly since engines differ on where they put
        them, so they never take a rank from a value).
-#}
{% macro index_lens_outcome_score(score, weight=none) -%}
    {%- if weight is none -%}
        avg({{ score }})
    {%- else -%}
        (sum(({{ weight }}) * ({{ score }})) / sum(case when {{ score }} is not null then {{ weight }} end))
    {%- endif -%}
{%- endmacro %}

{% macro index_lens_outcome_score_slots(scores, weights) -%}
    (
        (
            {%- for score in scores %}
            {% if not loop.first %}+ {% endif %}coalesce(({{ weights[loop.index0] }}) * ({{ score }}), 0)
            {%- endfor %}
        )
        / nullif(
            {%- for score in scores %}
            {% if not loop.first %}+ {% endif %}case when {{ score }} is not null then coalesce({{ weights[loop.index0] }}, 0) else 0 end
            {%- endfor %},
            0
        )
    )
{%- endmacro %}

{% macro index_indicators_used_slots(scores, weights) -%}
    (
        {%- for score in scores %}
        {% if not loop.first %}+ {% endif %}case when {{ score }} is not null and {{ weights[loop.index0] }} is not null then 1 else 0 end
        {%- endfor %}
    )
{%- endmacro %}

{% macro index_has_enough_indicators(indicators_used, indicators_in_lens) -%}
    ({{ indicators_used }} > 0 and {{ indicators_used }} >= {{ var('min_indicator_share', 0.5) }} * {{ indicators_in_lens }})
{%- endmacro %}

{% macro index_outcome_index(outcome_score, mean_outcome_score, sd_outcome_score) -%}
    (100.0 + 10.0 * (({{ outcome_score }}) - ({{ mean_outcome_score }})) / nullif({{ sd_outcome_score }}, 0))
{%- endmacro %}

{% macro index_spend_index(spend_per_head, median_spend_per_head) -%}
    (100.0 * ({{ spend_per_head }}) / nullif({{ median_spend_per_head }}, 0))
{%- endmacro %}

{% macro index_productivity_index(outcome_index, spend_index) -%}
    (100.0 * ({{ outcome_index }}) / nullif({{ spend_index }}, 0))
{%- endmacro %}

{% macro index_mean_lens_rank(lens_rank, weight=none) -%}
    {%- if weight is none -%}
        avg(cast({{ lens_rank }} as {{ type_double() }}))
    {%- else -%}
        (sum(({{ weight }}) * ({{ lens_rank }})) / sum(case when {{ lens_rank }} is not null then {{ weight }} end))
    {%- endif -%}
{%- endmacro %}

{% macro index_is_ranked_overall(lenses_ranked) -%}
    ({{ lenses_ranked }} >= {{ var('min_lenses_ranked', 5) }})
{%- endmacro %}

{% macro index_rank(value, partition_by, descending=true) -%}
    case
        when {{ value }} is not null
            then rank() over (
                partition by {{ partition_by }}
                order by {{ value }} {{ 'desc' if descending else 'asc' }} nulls last
            )
    end
{%- endmacro %}
