-- Every council ranked overall has a quadrant, and no other council has one.
select
    edition,
    authority_code,
    is_ranked_overall,
    quadrant
from {{ ref('fct_overall_productivity') }}
where (quadrant is not null) <> is_ranked_overall
