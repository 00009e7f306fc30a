{#-
    Which catalogue indicators each ranked council's lens is scored on, and why the others are
    not: one row per edition, ranked council of the edition (those of int_index__lens_outcomes)
    and catalogue indicator that is not a substitute. An indicator counts as scored when the
    council has a score for it or for one of its substitutes (catalogue `substitutes_for`), as
    int_index__lens_outcomes counts it. For the others, gap_reason names the dataset (the
    catalogue's source_dataset_id, or the substitute's) and the period:
      - the edition uses a period of the indicator (or of its substitute) and the council has no
        score in it: '<dataset> <period>: no value for the council';
      - the edition uses no period of it:
          '<dataset>: no file loaded'                                    (raw.load_log: missing)
          '<dataset>: no value of the indicator in the files loaded'
          'no <dataset> period released before <date>'                   (every period of the
                                                                          indicator came out on
                                                                          or after the edition)
          'no <dataset> period released before <date> and reported by half the councils'
                                                                         (the edition rule,
                                                                          int_indicator_values__editions,
                                                                          found none it may use).
    int_index__lens_caveats counts these per lens for the reasons of fct_lens_productivity and
    fct_overall_productivity.
-#}
with

editions as (
    select * from {{ ref('editions') }}
),

lens_outcomes as (
    select * from {{ ref('int_index__lens_outcomes') }}
),

catalogue as (
    select * from {{ ref('int_indicators__catalogue') }}
),

scores as (
    select * from {{ ref('int_index__indicator_scores') }}
    where score is not null
),

edition_values as (
    select * from {{ ref('int_indicator_values__editions') }}
),

values_all_periods as (
    select * from {{ ref('int_indicator_values__all_periods') }}
),

releases as (
    select * from {{ ref('int_sources__period_releases') }}
),

loads as (
    select * from {{ ref('int_sources__loads') }}
),

indicators as (
    -- each catalogue indicator and its substitute, if any (one at most per indicator)
    select
        indicator.indicator_id,
        indicator.lens_id,
        indicator.source_dataset_id,
        substitute.indicator_id as substitute_id,
        substitute.source_dataset_id as substitute_dataset_id
    from catalogue as indicator
    left join catalogue as substitute on indicator.indicator_id = substitute.substitutes_for
    where indicator.substitutes_for is null
),

edition_periods as (
    -- the period each edition uses of each indicator (none: no row)
    select
        edition,
        indicator_id,
        max(period) as period
    from edition_values
    group by edition, indicator_id
),

first_releases as (
    -- the earliest release of any period of the indicator with a value (null: no timetable)
    select
        values_all_periods.indicator_id,
        min(releases.released_on) as first_released_on
    from values_all_periods
    left join releases
        on
            values_all_periods.source_dataset_id = releases.source_dataset_id
            and values_all_periods.period = releases.period
    where values_all_periods.value is not null
    group by values_all_periods.indicator_id
),

spine as (
    select
        lens_outcomes.edition,
        editions.publication_date,
        lens_outcomes.authority_code,
        indicators.lens_id,
        indicators.indicator_id,
        indicators.source_dataset_id,
        indicators.substitute_id,
        indicators.substitute_dataset_id
    from lens_outcomes
    inner join editions on lens_outcomes.edition = editions.edition
    inner join indicators on lens_outcomes.lens_id = indicators.lens_id
),

joined as (
    select
        spine.*,
        own_score.indicator_id is not null as has_own_score,
        substitute_score.indicator_id is not null as has_substitute_score,
        own_period.period as edition_period,
        substitute_period.period as substitute_period,
        loads.load_status,
        first_releases.indicator_id is not null as has_any_value,
        first_releases.first_released_on
    from spine
    left join scores as own_score
        on
            spine.edition = own_score.edition
            and spine.authority_code = own_score.authority_code
            and spine.indicator_id = own_score.indicator_id
    left join scores as substitute_score
        on
            spine.edition = substitute_score.edition
            and spine.authority_code = substitute_score.authority_code
            and spine.substitute_id = substitute_score.indicator_id
    left join edition_periods as own_period
        on
            spine.edition = own_period.edition
            and spine.indicator_id = own_period.indicator_id
    left join edition_periods as substitute_period
        on
            spine.edition = substitute_period.edition
            and spine.substitute_id = substitute_period.indicator_id
    left join loads on spine.source_dataset_id = loads.source_dataset_id
    left join first_releases on spine.indicator_id = first_releases.indicator_id
),

final as (
    select
        cast(edition as integer) as edition,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(lens_id as {{ type_varchar() }}) as lens_id,
        cast(indicator_id as {{ type_varchar() }}) as indicator_id,
        cast(has_own_score or has_substitute_score as boolean) as is_scored,
        cast(not has_own_score and has_substitute_score as boolean) as is_scored_on_substitute,
        cast(
            case
                when has_own_score or has_substitute_score then null
                when edition_period is not null
                    then source_dataset_id || ' ' || edition_period || ': no value for the council'
                when substitute_period is not null
                    then substitute_dataset_id || ' ' || substitute_period || ' (substitute): no value for the council'
                when load_status = 'missing'
                    then source_dataset_id || ': no file loaded'
                when not has_any_value
                    then source_dataset_id || ': no value of the indicator in the files loaded'
                when first_released_on >= publication_date
                    then
                        'no ' || source_dataset_id || ' period released before '
                        || cast(publication_date as {{ type_varchar() }})
                else
                    'no ' || source_dataset_id || ' period released before '
                    || cast(publication_date as {{ type_varchar() }}) || ' and reported by half the councils'
            end as {{ type_varchar() }}
        ) as gap_reason
    from joined
)

select * from final
