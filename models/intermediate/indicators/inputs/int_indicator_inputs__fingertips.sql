{#-
    Fingertips indicator values for the indicator models that read a Fingertips indicator-data
    export: one row per dataset (`source_dataset_id`), area (int_indicator_inputs__areas: 2018
    upper tier and England) and year ending by March 2019, as published: the persons rows of the
    main series with a value; where an export repeats an area and year (another area type or age
    band), the first of them in the file is used. A suppressed value gives no row.
    Datasets (staging model):
      fingertips_acsc_admissions          stg_health_interface__acsc_admissions (NHS OF 2.3i)
      fingertips_emergency_readmissions   stg_health_interface__emergency_readmissions (PHOF 4.11)
      fingertips_falls_admissions_65plus  stg_health_interface__falls_admissions_65plus (PHOF 2.24i)
      fingertips_hip_fractures_65plus     stg_health_interface__hip_fractures_65plus (PHOF 4.14i)
    An indicator model takes its dataset from here.
-#}
with

acsc_admissions as (
    select * from {{ ref('stg_health_interface__acsc_admissions') }}
),

emergency_readmissions as (
    select * from {{ ref('stg_health_interface__emergency_readmissions') }}
),

falls_admissions as (
    select * from {{ ref('stg_health_interface__falls_admissions_65plus') }}
),

hip_fractures as (
    select * from {{ ref('stg_health_interface__hip_fractures_65plus') }}
),

areas as (
    select * from {{ ref('int_indicator_inputs__areas') }}
),

published as (
    {%- for relation in ['acsc_admissions', 'emergency_readmissions', 'falls_admissions', 'hip_fractures'] %}
        select
            source_dataset_id,
            authority_code,
            period,
            period_end_year,
            sex,
            indicator_value,
            numerator,
            denominator,
            source_row_number
        from {{ relation }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

persons as (
    select
        source_dataset_id,
        authority_code,
        period,
        period_end_year,
        indicator_value,
        numerator,
        denominator,
        row_number() over (
            partition by source_dataset_id, authority_code, period
            order by source_row_number
        ) as row_in_file
    from published
    where lower(sex) = 'persons' and indicator_value is not null
),

final as (
    select
        persons.source_dataset_id,
        persons.authority_code,
        persons.period,
        persons.period_end_year,
        persons.indicator_value as value,  -- noqa: RF04
        persons.numerator,
        persons.denominator
    from persons
    inner join areas on persons.authority_code = areas.authority_code
    where persons.row_in_file = 1 and persons.period_end_year <= 2019
)

select * from final
