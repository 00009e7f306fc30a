{#-
    Step 1 of the method: each indicator normalised within its edition across the ranked councils
    that report it, with polarity applied first (value x direction) so a higher score is always
    better. Method: var('normalisation') (zscore | minmax | percentile | distance_to_england; the
    macros in macros/normalisation/), winsorising per var('winsorise') and var('winsor_limit').
-#}
{%- set method = var('normalisation', 'zscore') %}

with

indicator_values as (
    select * from {{ ref('int_index__indicator_values') }}
),

directed as (
    select
        *,
        value * direction as directed_value,
        reference_value * direction as directed_reference
    from indicator_values
),

scored as (
    select
        edition,
        authority_code,
        indicator_id,
        lens_id,
        period,
        period_end_year,
        value,
        reference_value,
        reference_source,
        {{ normalise_score(method, 'directed_value', 'directed_reference', 'edition, indicator_id') }} as score
    from directed
),

final as (
    select
        *,
        '{{ method }}' as normalisation
    from scored
)

select * from final
