{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    The random weights of the simulation runs that have them (int_analysis__runs): one row per
    edition, run and indicator (weight_of 'indicator', for each indicator with data in the edition)
    or lens (weight_of 'lens'). Each weight is a Gamma(alpha, 1) draw, alpha = var
    uncertainty_weight_concentration (10), hashed from (var uncertainty_seed, edition, run group,
    draw, indicator or lens) by analysis_gamma (macros/analysis/analysis_random.sql): the sum of
    alpha exponential draws. Normalised over what a council has (the weighted means of
    index_lens_outcome_score_slots and index_mean_lens_rank divide by the weights' sum), they are
    Dirichlet(alpha) shares around equal: on average every indicator and lens counts equally, and a
    typical weight is within about a third of equal (sd 1 / sqrt(alpha) of the mean). Runs without
    random weights have no rows: their weights are all 1.
-#}
{%- set alpha = var('uncertainty_weight_concentration', 10) %}
{%- set hash_count = ((alpha | int) + 1) // 2 %}
{%- set hash_columns = [] %}
{%- for j in range(hash_count) %}{% do hash_columns.append('hash_' ~ j) %}{% endfor %}
{#- what each weight's hashes are keyed by (the hash number j is added last) #}
{%- set indicator_key = [
    'runs.edition', 'runs.run_group', 'runs.draw', "'indicator_weight'", 'edition_indicators.indicator_id'] %}
{%- set lens_key = ['runs.edition', 'runs.run_group', 'runs.draw', "'lens_weight'", 'lenses.lens_id'] %}

with

runs as (
    select * from {{ ref('int_analysis__runs') }}
),

indicator_values as (
    select * from {{ ref('int_index__indicator_values') }}
),

lenses as (
    select * from {{ ref('int_indicators__lenses') }}
),

edition_indicators as (
    select distinct
        edition,
        indicator_id
    from indicator_values
),

-- the hashes the Gamma draws read, two uniform numbers each
indicator_hashes as (
    select
        runs.edition,
        runs.run_id,
        {%- for j in range(hash_count) %}
            {{ analysis_hash(indicator_key + [j | string]) }} as hash_{{ j }},
        {%- endfor %}
        edition_indicators.indicator_id as weight_key
    from runs
    inner join edition_indicators
        on runs.edition = edition_indicators.edition
    where runs.has_random_indicator_weights
),

lens_hashes as (
    select
        runs.edition,
        runs.run_id,
        {%- for j in range(hash_count) %}
            {{ analysis_hash(lens_key + [j | string]) }} as hash_{{ j }},
        {%- endfor %}
        lenses.lens_id as weight_key
    from runs
    cross join lenses
    where runs.has_random_lens_weights
),

indicator_weights as (
    select
        edition,
        run_id,
        'indicator' as weight_of,
        weight_key,
        {{ analysis_gamma(hash_columns, alpha) }} as weight
    from indicator_hashes
),

lens_weights as (
    select
        edition,
        run_id,
        'lens' as weight_of,
        weight_key,
        {{ analysis_gamma(hash_columns, alpha) }} as weight
    from lens_hashes
),

final as (
    select
        cast(edition as integer) as edition,
        cast(run_id as integer) as run_id,
        cast(weight_of as {{ type_varchar() }}) as weight_of,
        cast(weight_key as {{ type_varchar() }}) as weight_key,
        cast(weight as {{ type_double() }}) as weight
    from indicator_weights
    union all
    select
        cast(edition as integer) as edition,
        cast(run_id as integer) as run_id,
        cast(weight_of as {{ type_varchar() }}) as weight_of,
        cast(weight_key as {{ type_varchar() }}) as weight_key,
        cast(weight as {{ type_double() }}) as weight
    from lens_weights
)

select * from final
