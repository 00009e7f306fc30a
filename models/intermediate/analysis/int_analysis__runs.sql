{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    The runs of the rank simulation, one row per edition and run: the method choices each run
    makes. int_analysis__run_weights draws the random weights of the runs that have them and
    int_analysis__run_lens_ranks / int_analysis__rank_runs compute every run's ranks with the
    index's own macros.

      run_group          run_option             choices
      default            default                the build's vars: it must reproduce the index
      normalisation      the method             each other normalisation method
      winsorise          'true' / 'false'       winsorising switched the other way
      leave_one_out      the indicator_id       each indicator with data in the edition left out
      indicator_weights  random                 var sensitivity_weight_draws runs, random indicator weights
      lens_weights       random                 var sensitivity_weight_draws runs, random lens weights
      monte_carlo        all_choices            var uncertainty_draws runs drawing every choice at once:
                                                method (each of the four 1/4), winsorising (1/2),
                                                random indicator and lens weights, and with
                                                probability 1/2 one indicator (each with data in the
                                                edition equally likely) left out.

    Random choices come from analysis_uniform (macros/analysis/analysis_random.sql): a uniform
    number hashed from (var uncertainty_seed, edition, run group, draw, what is drawn), the same on
    every engine. run_id numbers the runs within an edition (default first).
-#}
{%- set methods = ['zscore', 'minmax', 'percentile', 'distance_to_england'] %}
{%- set default_method = var('normalisation', 'zscore') %}
{%- set default_winsorise = var('winsorise', true) %}
{%- if default_winsorise is string %}
    {%- set default_winsorise = default_winsorise | lower in ('true', '1', 'yes') %}
{%- endif %}
{%- set sql_default_winsorise = 'true' if default_winsorise else 'false' %}
{%- set draws = var('uncertainty_draws', 1000) | int %}
{%- set weight_draws = var('sensitivity_weight_draws', 100) | int %}
{%- if default_method not in methods %}
    {{ exceptions.raise_compiler_error("var('normalisation') must be one of " ~ methods | join(', ') ~ ", not '" ~ default_method ~ "'") }}
{%- endif %}

with

editions as (
    select edition from {{ ref('editions') }}
),

indicator_values as (
    select * from {{ ref('int_index__indicator_values') }}
),

methods as (
    {%- for method in methods %}
        select
            '{{ method }}' as normalisation,
            {{ loop.index0 }} as method_position
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

edition_indicators as (
    select distinct
        edition,
        indicator_id
    from indicator_values
),

monte_carlo_draws as (
    {{ analysis_integers(draws, 'draw') }}
),

weight_draws as (
    {{ analysis_integers(weight_draws, 'draw') }}
),

default_runs as (
    select
        edition,
        1 as group_order,
        'default' as run_group,
        'default' as run_option,
        0 as draw,
        '{{ default_method }}' as normalisation,
        {{ sql_default_winsorise }} as winsorise,
        cast(null as {{ type_varchar() }}) as left_out_indicator_id,
        false as has_random_indicator_weights,
        false as has_random_lens_weights
    from editions
),

normalisation_runs as (
    select
        editions.edition,
        2 as group_order,
        'normalisation' as run_group,
        methods.normalisation as run_option,
        0 as draw,
        methods.normalisation,
        {{ sql_default_winsorise }} as winsorise,
        cast(null as {{ type_varchar() }}) as left_out_indicator_id,
        false as has_random_indicator_weights,
        false as has_random_lens_weights
    from editions
    cross join methods
    where methods.normalisation <> '{{ default_method }}'
),

winsorise_runs as (
    select
        edition,
        3 as group_order,
        'winsorise' as run_group,
        '{{ 'false' if default_winsorise else 'true' }}' as run_option,
        0 as draw,
        '{{ default_method }}' as normalisation,
        {{ 'false' if default_winsorise else 'true' }} as winsorise,
        cast(null as {{ type_varchar() }}) as left_out_indicator_id,
        false as has_random_indicator_weights,
        false as has_random_lens_weights
    from editions
),

leave_one_out_runs as (
    select
        edition,
        4 as group_order,
        'leave_one_out' as run_group,
        indicator_id as run_option,
        0 as draw,
        '{{ default_method }}' as normalisation,
        {{ sql_default_winsorise }} as winsorise,
        indicator_id as left_out_indicator_id,
        false as has_random_indicator_weights,
        false as has_random_lens_weights
    from edition_indicators
),

indicator_weight_runs as (
    select
        editions.edition,
        5 as group_order,
        'indicator_weights' as run_group,
        'random' as run_option,
        weight_draws.draw,
        '{{ default_method }}' as normalisation,
        {{ sql_default_winsorise }} as winsorise,
        cast(null as {{ type_varchar() }}) as left_out_indicator_id,
        true as has_random_indicator_weights,
        false as has_random_lens_weights
    from editions
    cross join weight_draws
),

lens_weight_runs as (
    select
        editions.edition,
        6 as group_order,
        'lens_weights' as run_group,
        'random' as run_option,
        weight_draws.draw,
        '{{ default_method }}' as normalisation,
        {{ sql_default_winsorise }} as winsorise,
        cast(null as {{ type_varchar() }}) as left_out_indicator_id,
        false as has_random_indicator_weights,
        true as has_random_lens_weights
    from editions
    cross join weight_draws
),

monte_carlo_choices as (
    select
        editions.edition,
        monte_carlo_draws.draw,
        {{ analysis_uniform(['editions.edition', "'monte_carlo'", 'monte_carlo_draws.draw', "'normalisation'"]) }}
            as u_normalisation,
        {{ analysis_uniform(['editions.edition', "'monte_carlo'", 'monte_carlo_draws.draw', "'winsorise'"]) }}
            as u_winsorise,
        {{ analysis_uniform(['editions.edition', "'monte_carlo'", 'monte_carlo_draws.draw', "'leave_out'"]) }}
            as u_leave_out
    from editions
    cross join monte_carlo_draws
),

-- in the runs that leave an indicator out, the indicator with the smallest of one uniform number
-- per indicator: each equally likely, and no text sort order (which differs between engines'
-- collations) is involved
left_out_candidates as (
    select
        monte_carlo_choices.edition,
        monte_carlo_choices.draw,
        edition_indicators.indicator_id,
        {{ analysis_uniform([
            'monte_carlo_choices.edition', "'monte_carlo'", 'monte_carlo_choices.draw', "'left_out_indicator'",
            'edition_indicators.indicator_id']) }} as u_indicator
    from monte_carlo_choices
    inner join edition_indicators
        on monte_carlo_choices.edition = edition_indicators.edition
    where monte_carlo_choices.u_leave_out < 0.5
),

left_out as (
    select
        edition,
        draw,
        indicator_id
    from (
        select
            *,
            row_number() over (partition by edition, draw order by u_indicator) as pick
        from left_out_candidates
    ) as ordered
    where pick = 1
),

monte_carlo_runs as (
    select
        monte_carlo_choices.edition,
        7 as group_order,
        'monte_carlo' as run_group,
        'all_choices' as run_option,
        monte_carlo_choices.draw,
        methods.normalisation,
        monte_carlo_choices.u_winsorise < 0.5 as winsorise,
        left_out.indicator_id as left_out_indicator_id,
        true as has_random_indicator_weights,
        true as has_random_lens_weights
    from monte_carlo_choices
    inner join methods
        on cast(floor(4 * monte_carlo_choices.u_normalisation) as integer) = methods.method_position
    left join left_out
        on
            monte_carlo_choices.edition = left_out.edition
            and monte_carlo_choices.draw = left_out.draw
),

all_runs as (
    select * from default_runs
    union all
    select * from normalisation_runs
    union all
    select * from winsorise_runs
    union all
    select * from leave_one_out_runs
    union all
    select * from indicator_weight_runs
    union all
    select * from lens_weight_runs
    union all
    select * from monte_carlo_runs
),

final as (
    select
        cast(edition as integer) as edition,
        cast(
            row_number() over (partition by edition order by group_order, run_option, draw) as integer
        ) as run_id,
        cast(run_group as {{ type_varchar() }}) as run_group,
        cast(run_option as {{ type_varchar() }}) as run_option,
        cast(draw as integer) as draw,
        cast(normalisation as {{ type_varchar() }}) as normalisation,
        cast(winsorise as boolean) as winsorise,
        cast(left_out_indicator_id as {{ type_varchar() }}) as left_out_indicator_id,
        cast(has_random_indicator_weights as boolean) as has_random_indicator_weights,
        cast(has_random_lens_weights as boolean) as has_random_lens_weights
    from all_runs
)

select * from final
