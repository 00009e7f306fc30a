{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    Context distances are symmetric: in every edition, every pair appears both ways with the same distance, and a
    council's neighbours are never itself. Returns offending pairs.
-#}
with

distances as (
    select * from {{ ref('int_analysis__context_distances') }}
)

select
    pair.edition,
    pair.authority_code,
    pair.neighbour_code,
    pair.distance,
    reverse_pair.distance as reverse_distance
from distances as pair
left join distances as reverse_pair
    on
        pair.edition = reverse_pair.edition
        and pair.authority_code = reverse_pair.neighbour_code
        and pair.neighbour_code = reverse_pair.authority_code
where
    reverse_pair.distance is null
    or abs(pair.distance - reverse_pair.distance) > 1e-9
    or pair.authority_code = pair.neighbour_code
