{#-
    The study's published ranks (seed study_published_ranks: its top ten councils, overall and per
    lens, 2017 and 2018 editions) beside the ranks this rebuild gives the same councils. One row per
    edition, lens (or 'overall') and published council. Names are matched to codes with name_key;
    a build of the demo compares the demo's invented rows, a build of the real files the study's.
-#}
with

published as (
    select * from {{ ref('study_published_ranks') }}
),

authorities as (
    select * from {{ ref('dim_authority') }}
),

unranked as (
    select * from {{ ref('unranked_authorities') }}
),

lens_productivity as (
    select * from {{ ref('fct_lens_productivity') }}
),

overall as (
    select * from {{ ref('fct_overall_productivity') }}
),

build_kind as (
    -- a demo build holds the fictional stand-ins of the unranked seed
    select count(*) > 0 as is_demo_build
    from authorities
    inner join unranked on authorities.authority_code = unranked.authority_code
    where unranked.is_demo
),

rebuilt_ranks as (
    {{ index_published_ranks('lens_productivity', 'overall') }}
),

published_for_build as (
    select published.*
    from published
    cross join build_kind
    where published.is_demo = build_kind.is_demo_build
),

matched as (
    select
        published_for_build.edition,
        published_for_build.lens_id,
        published_for_build.authority_name as published_name,
        published_for_build.published_rank,
        authorities.authority_code,
        authorities.authority_name
    from published_for_build
    left join authorities
        on {{ name_key('published_for_build.authority_name') }} = {{ name_key('authorities.authority_name') }}
),

final as (
    select
        matched.edition,
        matched.lens_id,
        matched.published_name,
        matched.authority_code,
        matched.authority_name,
        cast(matched.published_rank as integer) as published_rank,
        cast(rebuilt_ranks.rank_value as integer) as rebuilt_rank,
        cast(rebuilt_ranks.rank_value - matched.published_rank as integer) as rank_difference,
        matched.authority_code is not null as is_matched,
        rebuilt_ranks.rank_value is not null as is_rebuilt_ranked
    from matched
    left join rebuilt_ranks
        on
            matched.edition = rebuilt_ranks.edition
            and matched.lens_id = rebuilt_ranks.lens_id
            and matched.authority_code = rebuilt_ranks.authority_code
)

select * from final
