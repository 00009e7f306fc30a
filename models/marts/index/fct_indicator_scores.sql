{#- Indicator scores of the ranked councils (step 1 of the method), one row per edition, council and indicator. -#}
with

scores as (
    select * from {{ ref('int_index__indicator_scores') }}
),

final as (
    select
        cast(edition as integer) as edition,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(indicator_id as {{ type_varchar() }}) as indicator_id,
        cast(lens_id as {{ type_varchar() }}) as lens_id,
        cast(period as {{ type_varchar() }}) as period,
        cast(period_end_year as integer) as period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(reference_value as {{ type_double() }}) as reference_value,
        cast(reference_source as {{ type_varchar() }}) as reference_source,
        cast(score as {{ type_double() }}) as score,
        cast(normalisation as {{ type_varchar() }}) as normalisation
    from scores
)

select * from final
