{#-
    ascof_indicator_rows(indicators, last_period_end_year=2019): the body of an indicator model
    for ASCOF-based indicators (contract of models/intermediate/indicators). `indicators` is a
    list of dicts: {id, measure_code, disaggregation, oflog_metric_code (optional)}.

    Sources, in order of preference for the same indicator, authority and period:
      1. nhsd_ascof       (stg_ascof__measures: NHS Digital open data, CSV and xlsx releases, with
                           numerator/denominator)
      2. ascof_processed  (stg_ascof__final_data: values only)
      3. oflog_asc        (stg_oflog_asc__metrics: only where the Oflog metric is the same ASCOF
                           measure, e.g. ASC4 = 3D(2); values only)
    ASCOF and Oflog publish per council with adult social services responsibilities, i.e. the
    upper tier: no district aggregation is needed. Rows are kept for the 2018 upper tier
    (int_geography__upper_tier_2018) and England; later-boundary codes (BCP ...) only occur after
    2018-19 and are outside the editions (period_end_year <= last_period_end_year).
    Suppressed or missing values give no row.
-#}
{% macro ascof_indicator_rows(indicators, last_period_end_year=2019) -%}
with

spec as (
    {%- for ind in indicators %}
    select
        '{{ ind.id }}' as indicator_id,
        '{{ ind.measure_code }}' as measure_code,
        '{{ ind.disaggregation }}' as disaggregation,
        {% if ind.oflog_metric_code %}'{{ ind.oflog_metric_code }}'{% else %}cast(null as {{ council_productivity.type_varchar() }}){% endif %} as oflog_metric_code
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
    union all
    select 'E92000001' as authority_code
),

ascof_original as (
    select
        1 as source_priority,
        'nhsd_ascof' as source_dataset_id,
        authority_code,
        period,
        period_end_year,
        measure_code,
        disaggregation,
        outcome_value as value,
        numerator,
        denominator
    from {{ ref('stg_ascof__measures') }}
),

ascof_processed as (
    select
        2 as source_priority,
        'ascof_processed' as source_dataset_id,
        authority_code,
        period,
        period_end_year,
        measure_code,
        disaggregation,
        outcome_value as value,
        numerator,
        denominator
    from {{ ref('stg_ascof__final_data') }}
),

ascof as (
    select * from ascof_original
    union all
    select * from ascof_processed
),

from_ascof as (
    select
        spec.indicator_id,
        ascof.authority_code,
        ascof.period,
        ascof.period_end_year,
        ascof.value,
        ascof.numerator,
        ascof.denominator,
        ascof.source_dataset_id,
        ascof.source_priority
    from ascof
    inner join spec
        on
            ascof.measure_code = spec.measure_code
            and ascof.disaggregation = spec.disaggregation
),

from_oflog as (
    select
        spec.indicator_id,
        oflog.authority_code,
        oflog.period,
        oflog.period_end_year,
        oflog.metric_value as value,
        cast(null as {{ council_productivity.type_double() }}) as numerator,
        cast(null as {{ council_productivity.type_double() }}) as denominator,
        'oflog_asc' as source_dataset_id,
        3 as source_priority
    from {{ ref('stg_oflog_asc__metrics') }} as oflog
    inner join spec
        on oflog.metric_code = spec.oflog_metric_code
),

candidates as (
    select * from from_ascof
    union all
    select * from from_oflog
),

ranked as (
    select
        candidates.*,
        row_number() over (
            partition by candidates.indicator_id, candidates.authority_code, candidates.period
            order by candidates.source_priority
        ) as preference
    from candidates
    inner join upper_tier
        on candidates.authority_code = upper_tier.authority_code
    where
        candidates.value is not null
        and candidates.period_end_year <= {{ last_period_end_year }}
),

final as (
    select
        indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ council_productivity.type_double() }}) as value,
        cast(numerator as {{ council_productivity.type_double() }}) as numerator,
        cast(denominator as {{ council_productivity.type_double() }}) as denominator,
        source_dataset_id
    from ranked
    where preference = 1
)

select * from final
{%- endmacro %}
