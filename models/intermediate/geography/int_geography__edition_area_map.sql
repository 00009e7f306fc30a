{#-
    How each edition's geography is made of 2018 geography (the base every indicator value and
    revenue account line is held on): one row per edition, 2018 upper-tier authority (`base_code`)
    and authority of the edition's geography (`authority_code`) it lies in, wholly or in part.
      - a 2018 authority still in existence on the edition's publication date is itself
        (base_share 1, mapping_rule 'same_authority');
      - a 2018 authority abolished by then goes to the authorities created from its lowest-tier
        areas (boundary_changes via int_geography__successor_pieces) with `base_share` = the share
        of its mid-2017 population in the pieces each successor took (Dorset county: Christchurch
        to Bournemouth, Christchurch and Poole, the rest to the Dorset unitary).
    `mapping_rule` of the edition authority: 'same_authority'; 'same_boundary_successor' (made of
    exactly one whole 2018 authority: Buckinghamshire 2020, North Yorkshire and Somerset 2023);
    'merger' (several 2018 authorities or parts of them); 'split' (part of one 2018 authority).
    `is_whole_area` is true when the edition authority is exactly one whole 2018 authority, the
    only case where a published rate with no numerator and denominator may be carried over.
    Counts are mapped as base count x base_share summed per edition authority; rates are
    recomputed from the mapped numerators and denominators (int_indicator_values__edition_geography).
-#}
with

editions as (
    select * from {{ ref('editions') }}
),

lookup as (
    select * from {{ ref('stg_la_lookup__authorities') }}
),

upper_tier as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
),

changes as (
    select * from {{ ref('boundary_changes') }}
),

pieces as (
    select * from {{ ref('int_geography__successor_pieces') }}
),

population_2017 as (
    select
        area_code,
        sum(persons) as persons
    from {{ ref('stg_population__mye2_persons') }}
    where mid_year = 2017
    group by area_code
),

existing as (
    -- upper-tier authorities in existence on each edition's publication date
    select
        editions.edition,
        editions.publication_date,
        lookup.authority_code
    from editions
    inner join lookup
        on
            (lookup.start_date is null or editions.publication_date >= lookup.start_date)
            and (lookup.end_date is null or editions.publication_date <= lookup.end_date)
    where
        lookup.nation = 'England'
        and lookup.local_authority_type in ('CTY', 'UA', 'MD', 'LBO', 'CC')
),

kept as (
    select
        existing.edition,
        upper_tier.authority_code as base_code,
        upper_tier.authority_code,
        cast(1.0 as {{ type_double() }}) as base_share
    from upper_tier
    inner join existing on upper_tier.authority_code = existing.authority_code
),

successor_pieces as (
    -- pieces of the successors in existence in the edition, from 2018 authorities abolished by then
    select distinct
        existing.edition,
        pieces.predecessor_code as base_code,
        pieces.successor_code as authority_code,
        pieces.piece_code
    from pieces
    inner join changes
        on
            pieces.successor_code = changes.successor_code
            and pieces.piece_code = changes.piece_code
    inner join existing
        on
            pieces.successor_code = existing.authority_code
            and changes.effective_date <= existing.publication_date
    where not exists (
        select 1 from kept
        where kept.edition = existing.edition and kept.base_code = pieces.predecessor_code
    )
),

moved as (
    select
        successor_pieces.edition,
        successor_pieces.base_code,
        successor_pieces.authority_code,
        cast(
            sum(piece_population.persons) / max(base_population.persons) as {{ type_double() }}
        ) as base_share
    from successor_pieces
    inner join population_2017 as piece_population on successor_pieces.piece_code = piece_population.area_code
    inner join population_2017 as base_population on successor_pieces.base_code = base_population.area_code
    group by successor_pieces.edition, successor_pieces.base_code, successor_pieces.authority_code
),

mapped as (
    select * from kept
    union all
    select * from moved
),

per_authority as (
    select
        edition,
        authority_code,
        count(*) as n_bases,
        min(base_share) as min_base_share,
        max(case when base_code = authority_code then 1 else 0 end) as is_same_code
    from mapped
    group by edition, authority_code
),

final as (
    select
        mapped.edition,
        mapped.base_code,
        mapped.authority_code,
        mapped.base_share,
        case
            when per_authority.is_same_code = 1 then 'same_authority'
            when per_authority.n_bases = 1 and per_authority.min_base_share > 0.999999 then 'same_boundary_successor'
            when per_authority.n_bases > 1 then 'merger'
            else 'split'
        end as mapping_rule,
        per_authority.n_bases = 1 and per_authority.min_base_share > 0.999999 as is_whole_area
    from mapped
    inner join per_authority
        on
            mapped.edition = per_authority.edition
            and mapped.authority_code = per_authority.authority_code
)

select * from final
