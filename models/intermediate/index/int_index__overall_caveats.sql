{#-
    The caveats and the reason for a missing overall rank of each council, per edition and ranked
    council (the rows of int_index__overall_productivity), published by fct_overall_productivity.
    From the council's lenses (int_index__lens_productivity, int_index__lens_caveats):
      lenses_scored              lenses with an outcome score (enough indicators), ranked or not;
      is_ranked_on_fewer_lenses  ranked overall on fewer lenses than the index has (seed lenses);
      has_implausibly_low_spend, has_partial_lens, has_few_indicators, is_fallback_spend_year:
                                 true when any lens the overall rank rests on (a lens with a rank)
                                 carries that lens caveat;
      caveat_text                one line: fewer lenses (and which are missing), then each lens
                                 caveat with the lenses it applies to; null when none;
      not_ranked_reason          null when ranked overall; else 'ranked in k of 6 lenses (minimum
                                 m)' and the short reason of each lens without a rank
                                 (int_index__lens_caveats.not_ranked_summary); for a council made by
                                 a merger or a split of 2018 areas, once, that it has a value only
                                 where the source publishes one for it or gives each piece's
                                 numerator and denominator.
-#}
with

overall as (
    select * from {{ ref('int_index__overall_productivity') }}
),

lens_productivity as (
    select * from {{ ref('int_index__lens_productivity') }}
),

lens_caveats as (
    select * from {{ ref('int_index__lens_caveats') }}
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

lens_count as (
    select count(*) as lenses_in_index from lenses
),

council_lenses as (
    select
        lens_productivity.edition,
        lens_productivity.authority_code,
        lens_productivity.lens_id,
        lens_productivity.lens_rank,
        lens_productivity.has_enough_indicators,
        lens_productivity.spend_year,
        lenses.sort_order,
        lower(lenses.lens_name) as lens_label,
        lens_caveats.has_implausibly_low_spend,
        lens_caveats.has_few_indicators,
        lens_caveats.is_partial_lens,
        lens_caveats.is_fallback_spend_year,
        lens_caveats.not_ranked_summary
    from lens_productivity
    inner join lenses on lens_productivity.lens_id = lenses.lens_id
    inner join lens_caveats
        on
            lens_productivity.edition = lens_caveats.edition
            and lens_productivity.authority_code = lens_caveats.authority_code
            and lens_productivity.lens_id = lens_caveats.lens_id
),

by_council as (
    select
        edition,
        authority_code,
        sum(case when has_enough_indicators then 1 else 0 end) as lenses_scored,
        max(case when lens_rank is not null and has_implausibly_low_spend then 1 else 0 end) = 1
            as has_implausibly_low_spend,
        max(case when lens_rank is not null and has_few_indicators then 1 else 0 end) = 1 as has_few_indicators,
        max(case when lens_rank is not null and is_partial_lens then 1 else 0 end) = 1 as has_partial_lens,
        max(case when lens_rank is not null and is_fallback_spend_year then 1 else 0 end) = 1
            as is_fallback_spend_year,
        {{ text_agg('case when lens_rank is null then lens_label end', "', '", 'sort_order') }} as unranked_lenses,
        {{ text_agg(
            'case when lens_rank is not null and has_implausibly_low_spend then lens_label end', "', '", 'sort_order'
        ) }} as low_spend_lenses,
        {{ text_agg(
            'case when lens_rank is not null and has_few_indicators then lens_label end', "', '", 'sort_order'
        ) }} as few_indicator_lenses,
        {{ text_agg(
            'case when lens_rank is not null and is_partial_lens then lens_label end', "', '", 'sort_order'
        ) }} as partial_lenses,
        {{ text_agg('not_ranked_summary', "'; '", 'sort_order') }} as lens_reasons
    from council_lenses
    group by edition, authority_code
),

fallback_years as (
    -- the distinct spend years other than the edition's budget year behind the ranked lenses
    select
        edition,
        authority_code,
        {{ text_agg('spend_year', "', '", 'spend_year') }} as fallback_spend_years
    from (
        select distinct
            edition,
            authority_code,
            spend_year
        from council_lenses
        where lens_rank is not null and is_fallback_spend_year
    ) as years
    group by edition, authority_code
),

joined as (
    select
        overall.edition,
        overall.authority_code,
        overall.lenses_ranked,
        overall.is_ranked_overall,
        lens_count.lenses_in_index,
        editions.budget_financial_year,
        by_council.lenses_scored,
        by_council.has_implausibly_low_spend,
        by_council.has_few_indicators,
        by_council.has_partial_lens,
        by_council.is_fallback_spend_year,
        by_council.unranked_lenses,
        by_council.low_spend_lenses,
        by_council.few_indicator_lenses,
        by_council.partial_lenses,
        by_council.lens_reasons,
        fallback_years.fallback_spend_years,
        case
            when edition_authorities.mapping_rule in ('merger', 'split')
                then
                    ' (as a ' || edition_authorities.mapping_rule || ' of 2018 areas it has a value only where the'
                    || ' source publishes one for it or gives each piece''s numerator and denominator)'
            else ''
        end as boundary_note,
        overall.is_ranked_overall and overall.lenses_ranked < lens_count.lenses_in_index as is_ranked_on_fewer_lenses
    from overall
    cross join lens_count
    inner join editions on overall.edition = editions.edition
    inner join by_council
        on
            overall.edition = by_council.edition
            and overall.authority_code = by_council.authority_code
    left join fallback_years
        on
            overall.edition = fallback_years.edition
            and overall.authority_code = fallback_years.authority_code
    left join edition_authorities
        on
            overall.edition = edition_authorities.edition
            and overall.authority_code = edition_authorities.authority_code
),

texts as (
    select
        *,
        coalesce(
            case
                when is_ranked_on_fewer_lenses
                    then
                        'ranked on ' || cast(lenses_ranked as {{ type_varchar() }}) || ' of '
                        || cast(lenses_in_index as {{ type_varchar() }}) || ' lenses (no rank in '
                        || unranked_lenses || '); '
            end,
            ''
        )
        || coalesce(
            case when has_implausibly_low_spend then 'implausibly low spend in ' || low_spend_lenses || '; ' end,
            ''
        )
        || coalesce(
            case when has_few_indicators then 'few indicators in ' || few_indicator_lenses || '; ' end,
            ''
        )
        || coalesce(
            case when has_partial_lens then 'substitute indicators in ' || partial_lenses || '; ' end,
            ''
        )
        || coalesce(
            case
                when is_fallback_spend_year
                    then
                        'spend from ' || fallback_spend_years || ', not the edition''s '
                        || budget_financial_year || ' budget; '
            end,
            ''
        ) as caveat_list,
        case
            when not is_ranked_overall
                then
                    'ranked in ' || cast(lenses_ranked as {{ type_varchar() }}) || ' of '
                    || cast(lenses_in_index as {{ type_varchar() }}) || ' lenses (minimum '
                    || cast({{ var('min_lenses_ranked', 5) }} as {{ type_varchar() }}) || ')'
                    || coalesce(boundary_note, '')
                    || coalesce(': ' || lens_reasons, '')
        end as not_ranked_reason
    from joined
),

final as (
    select
        cast(edition as integer) as edition,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(lenses_scored as integer) as lenses_scored,
        cast(is_ranked_on_fewer_lenses as boolean) as is_ranked_on_fewer_lenses,
        cast(has_implausibly_low_spend as boolean) as has_implausibly_low_spend,
        cast(has_few_indicators as boolean) as has_few_indicators,
        cast(has_partial_lens as boolean) as has_partial_lens,
        cast(is_fallback_spend_year as boolean) as is_fallback_spend_year,
        cast(
            case when caveat_list <> '' then substr(caveat_list, 1, length(caveat_list) - 2) end
            as {{ type_varchar() }}
        ) as caveat_text,
        cast(not_ranked_reason as {{ type_varchar() }}) as not_ranked_reason
    from texts
)

select * from final
