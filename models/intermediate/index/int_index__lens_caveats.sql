{#-
    The caveats and the reason for a missing rank of each council lens, per edition, ranked council
    and lens (the rows of int_index__lens_productivity), published by fct_lens_productivity:
      has_implausibly_low_spend  spend index below var('implausibly_low_spend_index') (25): macro
                                 index_has_implausibly_low_spend, also used by the warn test
                                 assert_lens_spend_not_implausibly_low;
      has_few_indicators         scored, but on fewer than var('few_indicators_share') (0.5) of
                                 the lens's catalogue indicators (index_has_few_indicators);
      is_partial_lens            scored on substitutes (int_index__lens_substitutes);
      is_fallback_spend_year     spend from a year other than the edition's own budget year
                                 (seed editions.budget_financial_year);
      caveat_text                one line naming each caveat that applies, null when none;
      not_ranked_reason          null when the lens has a rank; else the lens and why: too few
                                 indicators (with the dataset and period of each missing one,
                                 int_index__indicator_gaps; for a council made by a merger or a
                                 split of 2018 areas, a note that it has a value only where the
                                 source publishes one for it or gives each piece's numerator and
                                 denominator), no spend per head, or no index;
      not_ranked_summary         the same in short (too few indicators: only the gap that
                                 misses most indicators), for the overall reason.
-#}
with

lens_productivity as (
    select * from {{ ref('int_index__lens_productivity') }}
),

lens_substitutes as (
    select * from {{ ref('int_index__lens_substitutes') }}
),

indicator_gaps as (
    select * from {{ ref('int_index__indicator_gaps') }}
),

editions as (
    select * from {{ ref('editions') }}
),

lenses as (
    select * from {{ ref('lenses') }}
),

edition_authorities as (
    select * from {{ ref('int_geography__edition_authorities') }}
),

gap_counts as (
    select
        edition,
        authority_code,
        lens_id,
        gap_reason,
        count(*) as indicators_missing
    from indicator_gaps
    where gap_reason is not null
    group by edition, authority_code, lens_id, gap_reason
),

gap_texts as (
    select
        edition,
        authority_code,
        lens_id,
        gap_reason,
        gap_reason || ' (' || cast(indicators_missing as {{ type_varchar() }})
        || case when indicators_missing = 1 then ' indicator)' else ' indicators)' end as gap_text,
        row_number() over (
            partition by edition, authority_code, lens_id
            order by indicators_missing desc, gap_reason asc
        ) as gap_order
    from gap_counts
),

gap_summaries as (
    select
        edition,
        authority_code,
        lens_id,
        {{ text_agg('gap_text', "'; '", 'gap_reason') }} as gaps,
        max(case when gap_order = 1 then gap_text end) as main_gap
    from gap_texts
    group by edition, authority_code, lens_id
),

joined as (
    select
        lens_productivity.*,
        lower(lenses.lens_name) as lens_label,
        editions.budget_financial_year,
        editions.publication_date,
        coalesce(lens_substitutes.substitutes_used, 0) as substitutes_used,
        coalesce(lens_substitutes.is_partial_lens, false) as is_partial_lens,
        gap_summaries.gaps,
        gap_summaries.main_gap,
        {{ index_has_implausibly_low_spend('lens_productivity.spend_index') }} as has_implausibly_low_spend,
        {{ index_has_few_indicators('lens_productivity.indicators_used', 'lens_productivity.indicators_in_lens') }}
            as has_few_indicators,
        coalesce(lens_productivity.spend_year <> editions.budget_financial_year, false) as is_fallback_spend_year,
        {{ index_min_indicators('lens_productivity.indicators_in_lens') }} as min_indicators,
        case
            when edition_authorities.mapping_rule in ('merger', 'split')
                then
                    ' (as a ' || edition_authorities.mapping_rule || ' of 2018 areas it has a value only where the'
                    || ' source publishes one for it or gives each piece''s numerator and denominator)'
            else ''
        end as boundary_note
    from lens_productivity
    inner join editions on lens_productivity.edition = editions.edition
    inner join lenses on lens_productivity.lens_id = lenses.lens_id
    left join lens_substitutes
        on
            lens_productivity.edition = lens_substitutes.edition
            and lens_productivity.authority_code = lens_substitutes.authority_code
            and lens_productivity.lens_id = lens_substitutes.lens_id
    left join gap_summaries
        on
            lens_productivity.edition = gap_summaries.edition
            and lens_productivity.authority_code = gap_summaries.authority_code
            and lens_productivity.lens_id = gap_summaries.lens_id
    left join edition_authorities
        on
            lens_productivity.edition = edition_authorities.edition
            and lens_productivity.authority_code = edition_authorities.authority_code
),

texts as (
    select
        *,
        coalesce(
            case
                when has_implausibly_low_spend
                    then
                        'spend of ' || {{ index_format_gbp('spend_per_head') }} || ' a head is '
                        || case
                            when spend_index < 1 then 'under 1'
                            else cast(cast(floor(spend_index) as bigint) as {{ type_varchar() }})
                        end
                        || '% of the median (likely booked elsewhere); '
            end,
            ''
        )
        || coalesce(
            case
                when has_few_indicators
                    then
                        'scored on ' || cast(indicators_used as {{ type_varchar() }}) || ' of '
                        || cast(indicators_in_lens as {{ type_varchar() }}) || ' indicators; '
            end,
            ''
        )
        || coalesce(
            case
                when is_partial_lens
                    then
                        cast(substitutes_used as {{ type_varchar() }})
                        || case
                            when substitutes_used = 1 then ' substitute indicator; ' else ' substitute indicators; '
                        end
            end,
            ''
        )
        || coalesce(
            case
                when is_fallback_spend_year
                    then
                        'spend from ' || spend_year || ' (' || spend_source || '), not the edition''s '
                        || budget_financial_year || ' budget; '
            end,
            ''
        ) as caveat_list,
        case
            when lens_rank is not null then null
            when not has_enough_indicators
                then
                    lens_label || ': ' || cast(indicators_used as {{ type_varchar() }}) || ' of '
                    || cast(indicators_in_lens as {{ type_varchar() }}) || ' indicators (minimum '
                    || cast(min_indicators as {{ type_varchar() }}) || ')'
            when spend_per_head is null and spend_source is null
                then
                    lens_label || ': no spend per head (no revenue account spend or population of the lens held for '
                    || budget_financial_year || ' or an earlier year released before '
                    || cast(publication_date as {{ type_varchar() }}) || ')'
            when spend_per_head is null
                then lens_label || ': spend not positive in ' || spend_source || ' ' || spend_year
            else lens_label || ': no productivity index (the outcome or spend index cannot be computed)'
        end as not_ranked_headline
    from joined
),

final as (
    select
        cast(edition as integer) as edition,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(lens_id as {{ type_varchar() }}) as lens_id,
        cast(has_implausibly_low_spend as boolean) as has_implausibly_low_spend,
        cast(has_few_indicators as boolean) as has_few_indicators,
        cast(is_partial_lens as boolean) as is_partial_lens,
        cast(is_fallback_spend_year as boolean) as is_fallback_spend_year,
        cast(
            case when caveat_list <> '' then substr(caveat_list, 1, length(caveat_list) - 2) end
            as {{ type_varchar() }}
        ) as caveat_text,
        cast(
            case
                when lens_rank is null and not has_enough_indicators
                    then not_ranked_headline || coalesce('; ' || gaps, '') || coalesce(boundary_note, '')
                else not_ranked_headline
            end as {{ type_varchar() }}
        ) as not_ranked_reason,
        cast(
            case
                when lens_rank is null and not has_enough_indicators
                    then not_ranked_headline || coalesce(', mainly ' || main_gap, '')
                else not_ranked_headline
            end as {{ type_varchar() }}
        ) as not_ranked_summary
    from texts
)

select * from final
