{#-
    The league table as the report shows it, one row per edition and council of
    fct_overall_productivity (ranked overall or not): the council's name, type and region
    (dim_authority), its overall rank, mean lens rank, mean outcome and spend indices and quadrant
    (fct_overall_productivity), its rank in each of the six lenses side by side
    (fct_lens_productivity, one column per lens of seed lenses), its movement since the previous
    edition (fct_rank_changes, lens_id 'overall'), the caveats of its overall rank and why it has
    none (fct_overall_productivity: flags, caveat_text, not_ranked_reason) and, when the analysis
    marts are built (var
    analysis_enabled), the 90% interval of its overall rank over the method's judgement calls
    (fct_rank_uncertainty; null otherwise). row_order is the order of the table: ranked councils by
    overall rank, ties by name, then the councils without an overall rank by name.
    A lens added to seed lenses needs its column here and in the yml (the report checks).
-#}
with

authorities as (
    select * from {{ ref('dim_authority') }}
),

overall as (
    select * from {{ ref('fct_overall_productivity') }}
),

lens_productivity as (
    select * from {{ ref('fct_lens_productivity') }}
),

rank_changes as (
    select * from {{ ref('fct_rank_changes') }}
    where lens_id = 'overall'
),

intervals as (
    {% if var('analysis_enabled', true) -%}
        select
            edition,
            authority_code,
            rank_p05,
            rank_p95
        from {{ ref('fct_rank_uncertainty') }}
        where lens_id = 'overall'
    {%- else -%}
        -- the analysis marts are not built (var analysis_enabled false): no intervals
        select
            edition,
            authority_code,
            cast(null as integer) as rank_p05,
            cast(null as integer) as rank_p95
        from overall
        where 1 = 0
    {%- endif %}
),

lens_ranks as (
    select
        edition,
        authority_code,
        max(case when lens_id = 'childrens_social_care' then lens_rank end) as lens_rank_childrens_social_care,
        max(case when lens_id = 'older_people' then lens_rank end) as lens_rank_older_people,
        max(case when lens_id = 'all_age_disability' then lens_rank end) as lens_rank_all_age_disability,
        max(
            case when lens_id = 'health_social_care_interface' then lens_rank end
        ) as lens_rank_health_social_care_interface,
        max(case when lens_id = 'housing_homelessness' then lens_rank end) as lens_rank_housing_homelessness,
        max(case when lens_id = 'waste_recycling' then lens_rank end) as lens_rank_waste_recycling
    from lens_productivity
    group by edition, authority_code
),

joined as (
    select
        overall.edition,
        overall.authority_code,
        authorities.authority_name,
        authorities.authority_type,
        authorities.region_name,
        overall.is_ranked_overall,
        overall.overall_rank,
        intervals.rank_p05,
        intervals.rank_p95,
        lens_ranks.lens_rank_childrens_social_care,
        lens_ranks.lens_rank_older_people,
        lens_ranks.lens_rank_all_age_disability,
        lens_ranks.lens_rank_health_social_care_interface,
        lens_ranks.lens_rank_housing_homelessness,
        lens_ranks.lens_rank_waste_recycling,
        overall.lenses_ranked,
        overall.mean_lens_rank,
        overall.mean_outcome_index,
        overall.mean_spend_index,
        overall.quadrant,
        rank_changes.previous_rank,
        rank_changes.rank_change,
        coalesce(rank_changes.is_most_improved, false) as is_most_improved,
        overall.is_ranked_on_fewer_lenses,
        overall.has_implausibly_low_spend,
        overall.has_few_indicators,
        overall.has_partial_lens,
        overall.is_fallback_spend_year,
        overall.caveat_text,
        overall.not_ranked_reason,
        row_number() over (
            partition by overall.edition
            order by
                case when overall.overall_rank is null then 1 else 0 end,
                overall.overall_rank,
                authorities.authority_name,
                overall.authority_code
        ) as row_order
    from overall
    left join authorities
        on overall.authority_code = authorities.authority_code
    left join lens_ranks
        on
            overall.edition = lens_ranks.edition
            and overall.authority_code = lens_ranks.authority_code
    left join rank_changes
        on
            overall.edition = rank_changes.edition
            and overall.authority_code = rank_changes.authority_code
    left join intervals
        on
            overall.edition = intervals.edition
            and overall.authority_code = intervals.authority_code
),

final as (
    select
        cast(edition as integer) as edition,
        cast(row_order as integer) as row_order,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(authority_name as {{ type_varchar() }}) as authority_name,
        cast(authority_type as {{ type_varchar() }}) as authority_type,
        cast(region_name as {{ type_varchar() }}) as region_name,
        cast(is_ranked_overall as boolean) as is_ranked_overall,
        cast(overall_rank as integer) as overall_rank,
        cast(rank_p05 as integer) as rank_p05,
        cast(rank_p95 as integer) as rank_p95,
        cast(lens_rank_childrens_social_care as integer) as lens_rank_childrens_social_care,
        cast(lens_rank_older_people as integer) as lens_rank_older_people,
        cast(lens_rank_all_age_disability as integer) as lens_rank_all_age_disability,
        cast(lens_rank_health_social_care_interface as integer) as lens_rank_health_social_care_interface,
        cast(lens_rank_housing_homelessness as integer) as lens_rank_housing_homelessness,
        cast(lens_rank_waste_recycling as integer) as lens_rank_waste_recycling,
        cast(lenses_ranked as integer) as lenses_ranked,
        cast(mean_lens_rank as {{ type_double() }}) as mean_lens_rank,
        cast(mean_outcome_index as {{ type_double() }}) as mean_outcome_index,
        cast(mean_spend_index as {{ type_double() }}) as mean_spend_index,
        cast(quadrant as {{ type_varchar() }}) as quadrant,
        cast(previous_rank as integer) as previous_rank,
        cast(rank_change as integer) as rank_change,
        cast(is_most_improved as boolean) as is_most_improved,
        cast(is_ranked_on_fewer_lenses as boolean) as is_ranked_on_fewer_lenses,
        cast(has_implausibly_low_spend as boolean) as has_implausibly_low_spend,
        cast(has_few_indicators as boolean) as has_few_indicators,
        cast(has_partial_lens as boolean) as has_partial_lens,
        cast(is_fallback_spend_year as boolean) as is_fallback_spend_year,
        cast(caveat_text as {{ type_varchar() }}) as caveat_text,
        cast(not_ranked_reason as {{ type_varchar() }}) as not_ranked_reason
    from joined
)

select * from final
