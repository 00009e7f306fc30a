{#-
    Step 6 of the method: rank change between consecutive editions (seed editions), overall
    (lens_id 'overall') and per lens, each edition on its own geography. rank_change =
    previous_rank - rank (positive = improved). The previous rank is the same authority's, or, for
    a new code on exactly the same area (Buckinghamshire 2020, North Yorkshire and Somerset 2023),
    that of the authority it continues (`previous_authority_code`, int_geography__edition_continuity);
    an authority created by a merger or a split has no previous rank, and `no_previous_rank_reason`
    says why (as it does for a council not ranked in the previous edition);
    is_most_improved is true on 'overall' rows whose rank rose by more than
    var('most_improved_places') (30) places, false otherwise.
-#}
with

editions as (
    select * from {{ ref('editions') }}
),

lens_productivity as (
    select * from {{ ref('fct_lens_productivity') }}
),

overall as (
    select * from {{ ref('fct_overall_productivity') }}
),

edition_pairs as (
    select
        edition,
        lag(edition) over (order by edition) as previous_edition
    from editions
),

continuity as (
    select * from {{ ref('int_geography__edition_continuity') }}
),

ranks as (
    {{ index_published_ranks('lens_productivity', 'overall') }}
),

joined as (
    select
        edition_pairs.edition,
        edition_pairs.previous_edition,
        current_ranks.authority_code,
        current_ranks.lens_id,
        current_ranks.rank_value as rank,
        previous_ranks.rank_value as previous_rank,
        previous_ranks.rank_value - current_ranks.rank_value as rank_change,
        continuity.previous_authority_code,
        case
            when continuity.no_previous_rank_reason is not null then continuity.no_previous_rank_reason
            when previous_ranks.rank_value is null
                then concat(
                    'not ranked in the ', cast(edition_pairs.previous_edition as {{ type_varchar() }}),
                    ' edition'
                )
        end as no_previous_rank_reason
    from edition_pairs
    inner join ranks as current_ranks
        on edition_pairs.edition = current_ranks.edition
    left join continuity
        on
            current_ranks.edition = continuity.edition
            and current_ranks.authority_code = continuity.authority_code
    left join ranks as previous_ranks
        on
            edition_pairs.previous_edition = previous_ranks.edition
            and continuity.previous_authority_code = previous_ranks.authority_code
            and current_ranks.lens_id = previous_ranks.lens_id
    where edition_pairs.previous_edition is not null
),

final as (
    select
        cast(edition as integer) as edition,
        cast(previous_edition as integer) as previous_edition,
        cast(authority_code as {{ type_varchar() }}) as authority_code,
        cast(lens_id as {{ type_varchar() }}) as lens_id,
        cast(rank as integer) as rank,
        cast(previous_rank as integer) as previous_rank,
        cast(rank_change as integer) as rank_change,
        cast(
            coalesce(lens_id = 'overall' and rank_change > {{ var('most_improved_places', 30) }}, false)
            as boolean
        ) as is_most_improved,
        cast(previous_authority_code as {{ type_varchar() }}) as previous_authority_code,
        cast(no_previous_rank_reason as {{ type_varchar() }}) as no_previous_rank_reason
    from joined
)

select * from final
