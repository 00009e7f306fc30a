{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    The indicator scores under every method choice the rank simulation can make: per edition,
    normalisation method (zscore, minmax, percentile, distance_to_england) and winsorising
    (true/false), each ranked council's score on each indicator, scored by the index's own macro
    (normalise_score, macros/normalisation/) on the index's own values (int_index__indicator_values),
    with polarity applied exactly as int_index__indicator_scores does. The choice of the build's
    vars reproduces int_index__indicator_scores. Scored once per choice (8 x 150 councils x 49
    indicators x 3 editions, about 180,000 rows); the runs of int_analysis__rank_runs then only pick
    a choice and weight its scores. minmax and percentile do not winsorise: their two rows are equal.
    Null scores (no spread) are left out, as the index leaves them out of the lens means.
-#}
{%- set methods = ['zscore', 'minmax', 'percentile', 'distance_to_england'] %}

with

indicator_values as (
    select * from {{ ref('int_index__indicator_values') }}
),

directed as (
    select
        edition,
        authority_code,
        indicator_id,
        lens_id,
        value * direction as directed_value,
        reference_value * direction as directed_reference
    from indicator_values
),

scored as (
    {%- for method in methods %}
        {%- for winsorise in [true, false] %}
            select
                edition,
                cast('{{ method }}' as {{ type_varchar() }}) as normalisation,
                {{ 'true' if winsorise else 'false' }} as winsorise,
                authority_code,
                indicator_id,
                lens_id,
                {{ normalise_score(
                    method, 'directed_value', 'directed_reference', 'edition, indicator_id', winsorise=winsorise
                ) }} as score
            from directed
            {% if not loop.last %}union all{% endif %}
        {%- endfor %}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

final as (
    select
        cast(edition as integer) as edition,
        normalisation,
        cast(winsorise as boolean) as winsorise,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(indicator_id as {{ type_varchar() }}) as indicator_id,
        cast(lens_id as {{ type_varchar() }}) as lens_id,
        cast(score as {{ type_double() }}) as score
    from scored
    where score is not null
)

select * from final
