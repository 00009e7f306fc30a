{#-
    Which authority of the previous edition each authority of an edition continues, for rank
    changes between consecutive editions (seed editions): one row per edition and authority of its
    geography (int_geography__edition_authorities).
      - 'same_authority': the same code existed in the previous edition;
      - 'same_boundary_successor': a new code for exactly the area of one authority of the previous
        edition (Buckinghamshire 2020 = Buckinghamshire county; North Yorkshire and Somerset 2023):
        its previous rank is that authority's (`previous_authority_code`);
      - 'merger': created from several authorities (or parts of them) of the previous edition
        (Bournemouth, Christchurch and Poole 2019): no previous rank of its own;
      - 'split': created from part of one authority of the previous edition (Dorset 2019, North and
        West Northamptonshire 2021, Cumberland and Westmorland and Furness 2023): no previous rank;
      - 'first_edition': the first edition has no previous one;
      - 'unmapped': a new authority no boundary change links to the previous edition (a test
        fails on any).
    `no_previous_rank_reason` says in words why a new authority has no previous rank.
-#}
with

editions as (
    select
        edition,
        lag(edition) over (order by edition) as previous_edition
    from {{ ref('editions') }}
),

authorities as (
    select * from {{ ref('int_geography__edition_authorities') }}
),

area_map as (
    select * from {{ ref('int_geography__edition_area_map') }}
),

current_authorities as (
    select
        authorities.edition,
        editions.previous_edition,
        authorities.authority_code,
        authorities.valid_from
    from authorities
    inner join editions on authorities.edition = editions.edition
),

overlapping as (
    -- authorities of the previous edition sharing a 2018 piece with the current one
    select distinct
        current_authorities.edition,
        current_authorities.authority_code,
        previous_map.authority_code as previous_authority_code,
        current_map.is_whole_area and previous_map.is_whole_area as is_same_whole_area
    from current_authorities
    inner join area_map as current_map
        on
            current_authorities.edition = current_map.edition
            and current_authorities.authority_code = current_map.authority_code
    inner join area_map as previous_map
        on
            current_authorities.previous_edition = previous_map.edition
            and current_map.base_code = previous_map.base_code
),

overlap_summary as (
    select
        edition,
        authority_code,
        count(distinct previous_authority_code) as n_previous,
        max(previous_authority_code) as any_previous_code,
        min(case when is_same_whole_area then 1 else 0 end) as all_same_whole_area
    from overlapping
    group by edition, authority_code
),

previous_codes as (
    select
        edition,
        authority_code
    from authorities
),

classified as (
    select
        current_authorities.edition,
        current_authorities.previous_edition,
        current_authorities.authority_code,
        current_authorities.valid_from,
        overlap_summary.n_previous,
        case
            when current_authorities.previous_edition is null then 'first_edition'
            when previous_codes.authority_code is not null then 'same_authority'
            when overlap_summary.n_previous = 1 and overlap_summary.all_same_whole_area = 1
                then 'same_boundary_successor'
            when overlap_summary.n_previous > 1 then 'merger'
            when overlap_summary.n_previous = 1 then 'split'
            else 'unmapped'
        end as continuity,
        case
            when current_authorities.previous_edition is null then null
            when previous_codes.authority_code is not null then current_authorities.authority_code
            when overlap_summary.n_previous = 1 and overlap_summary.all_same_whole_area = 1
                then overlap_summary.any_previous_code
        end as previous_authority_code
    from current_authorities
    left join previous_codes
        on
            current_authorities.previous_edition = previous_codes.edition
            and current_authorities.authority_code = previous_codes.authority_code
    left join overlap_summary
        on
            current_authorities.edition = overlap_summary.edition
            and current_authorities.authority_code = overlap_summary.authority_code
),

final as (
    select
        edition,
        previous_edition,
        authority_code,
        previous_authority_code,
        continuity,
        case
            when continuity = 'merger'
                then concat(
                    'created on ', cast(valid_from as {{ type_varchar() }}), ' by a merger of ',
                    cast(n_previous as {{ type_varchar() }}),
                    ' authorities (or parts) of the previous edition: no previous rank of its own'
                )
            when continuity = 'split'
                then concat(
                    'created on ', cast(valid_from as {{ type_varchar() }}),
                    ' from part of an authority of the previous edition: no previous rank of its own'
                )
        end as no_previous_rank_reason
    from classified
)

select * from final
