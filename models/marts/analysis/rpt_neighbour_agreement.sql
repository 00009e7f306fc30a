{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    How far our statistical neighbours agree with Oflog's nearest-neighbour groups, for the
    councils that have an Oflog group (int_analysis__oflog_neighbours): per council, the share of
    our neighbours that are also in Oflog's group; summarised for all councils ('all') and by
    authority type. chance_share is what random neighbours would score: Oflog group size / (ranked
    councils - 1), averaged. No rows when NN.json is not loaded. Our neighbours are those of
    fct_statistical_neighbours (the latest edition's context), and so are the types and the count
    of ranked councils.
-#}
with

neighbours as (
    select * from {{ ref('fct_statistical_neighbours') }}
),

oflog as (
    select * from {{ ref('int_analysis__oflog_neighbours') }}
),

edition_context as (
    select * from {{ ref('int_analysis__council_context') }}
),

latest as (
    select max(edition) as edition
    from edition_context
),

context as (
    select edition_context.*
    from edition_context
    inner join latest on edition_context.edition = latest.edition
),

ranked_councils as (
    select count(*) as councils
    from context
),

oflog_sizes as (
    select
        authority_code,
        count(*) as oflog_group_size
    from oflog
    group by authority_code
),

per_council as (
    select
        neighbours.authority_code,
        context.authority_type,
        oflog_sizes.oflog_group_size,
        count(*) as our_neighbours,
        sum(case when neighbours.is_oflog_neighbour then 1 else 0 end) as shared_neighbours
    from neighbours
    inner join oflog_sizes on neighbours.authority_code = oflog_sizes.authority_code
    inner join context on neighbours.authority_code = context.authority_code
    group by neighbours.authority_code, context.authority_type, oflog_sizes.oflog_group_size
),

scored as (
    select
        per_council.*,
        1.0 * per_council.shared_neighbours / per_council.our_neighbours as share_shared,
        1.0 * per_council.oflog_group_size / (ranked_councils.councils - 1) as chance_share
    from per_council
    cross join ranked_councils
),

scopes as (
    select
        'all' as scope,
        scored.*
    from scored
    union all
    select
        authority_type as scope,
        scored.*
    from scored
),

final as (
    select
        cast(scope as {{ type_varchar() }}) as scope,
        cast(count(*) as integer) as councils_compared,
        cast(avg(our_neighbours) as {{ type_double() }}) as mean_our_neighbours,
        cast(avg(oflog_group_size) as {{ type_double() }}) as mean_oflog_group_size,
        cast(avg(shared_neighbours) as {{ type_double() }}) as mean_shared_neighbours,
        cast(avg(share_shared) as {{ type_double() }}) as mean_share_shared,
        cast(min(share_shared) as {{ type_double() }}) as min_share_shared,
        cast(max(share_shared) as {{ type_double() }}) as max_share_shared,
        cast(avg(chance_share) as {{ type_double() }}) as chance_share
    from scopes
    group by scope
)

select * from final
