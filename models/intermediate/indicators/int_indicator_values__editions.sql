{#-
    The indicator values each edition of the index uses: one row per edition, authority (the 152
    upper-tier authorities of 2017-19, and the upper-tier authorities created since as their
    values are published: int_indicator_values__edition_geography uses those for the editions on
    their geography) and indicator that has a value. The period is chosen on 2018 geography.

    Period rule (documented in _indicator_values__docs.md): an edition may use a period that had
    been released before the edition's publication date (seeds/editions.csv; release dates from the
    registry's timetables, int_sources__period_releases) and that ended by 31 March of its
    outcome_period_end_year (a financial-year period '2017-18' ends on 31 March of its
    period_end_year; any other period, a calendar year '2017' or a snapshot, is taken to end during
    its period_end_year, so it must end a year earlier). A dataset with no release timetable is
    held to the second condition only. Of the allowed periods, the edition takes the latest one
    that at least var('min_period_coverage') of the ranked councils report, so every council is
    compared on the same year; a council without a value for that period has no row (missing stays
    missing, never filled from another year). A substitute (catalogue `substitutes_for`) is kept only
    in an edition where the indicator it stands in for has no period at all.
-#}
with

values_all_periods as (
    select * from {{ ref('int_indicator_values__all_periods') }}
),

editions as (
    select * from {{ ref('editions') }}
),

releases as (
    select * from {{ ref('int_sources__period_releases') }}
),

catalogue as (
    select * from {{ ref('int_indicators__catalogue') }}
),

authorities as (
    select * from {{ ref('int_geography__authorities') }}
),

ranked_count as (
    select count(*) as ranked_councils
    from authorities
    where is_ranked
),

allowed as (
    select
        editions.edition,
        values_all_periods.*
    from values_all_periods
    inner join editions
        on
            values_all_periods.period_end_year
            <= editions.outcome_period_end_year
            - case when values_all_periods.period like '____-__' then 0 else 1 end
    left join releases
        on
            values_all_periods.source_dataset_id = releases.source_dataset_id
            and values_all_periods.period = releases.period
    where
        values_all_periods.value is not null
        and (releases.released_on is null or releases.released_on < editions.publication_date)
),

period_coverage as (
    select
        allowed.edition,
        allowed.indicator_id,
        allowed.period,
        allowed.period_end_year,
        count(distinct allowed.authority_code) as ranked_councils_with_value
    from allowed
    inner join authorities on allowed.authority_code = authorities.authority_code
    where authorities.is_ranked
    group by allowed.edition, allowed.indicator_id, allowed.period, allowed.period_end_year
),

chosen_period as (
    select
        edition,
        indicator_id,
        period,
        period_end_year
    from (
        select
            period_coverage.*,
            row_number() over (
                partition by period_coverage.edition, period_coverage.indicator_id
                order by period_coverage.period_end_year desc, period_coverage.period desc
            ) as recency
        from period_coverage
        cross join ranked_count
        where
            period_coverage.ranked_councils_with_value
            >= {{ var('min_period_coverage', 0.5) }} * ranked_count.ranked_councils
    ) as candidates
    where recency = 1
),

kept_periods as (
    -- a substitute is used only in an edition where the indicator it stands in for has no period
    select chosen_period.*
    from chosen_period
    inner join catalogue on chosen_period.indicator_id = catalogue.indicator_id
    where
        catalogue.substitutes_for is null
        or not exists (
            select 1
            from chosen_period as replaced
            where
                replaced.edition = chosen_period.edition
                and replaced.indicator_id = catalogue.substitutes_for
        )
),

final as (
    select
        allowed.edition,
        allowed.authority_code,
        allowed.indicator_id,
        allowed.lens_id,
        allowed.period,
        allowed.period_end_year,
        allowed.value,
        allowed.numerator,
        allowed.denominator,
        allowed.source_dataset_id,
        allowed.is_apportioned,
        coalesce(authorities.is_ranked, false) as is_ranked
    from allowed
    inner join kept_periods
        on
            allowed.edition = kept_periods.edition
            and allowed.indicator_id = kept_periods.indicator_id
            and allowed.period = kept_periods.period
    left join authorities on allowed.authority_code = authorities.authority_code
    -- the 2018 authorities, and the later ones as published (England is not an authority)
    where allowed.authority_code <> '{{ var("england_code") }}'
)

select * from final
