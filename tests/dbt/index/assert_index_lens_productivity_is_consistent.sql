-- productivity_index = 100 x outcome_index / spend_index, and a council has a lens rank exactly
-- when it has a productivity index.
select
    edition,
    authority_code,
    lens_id,
    productivity_index,
    outcome_index,
    spend_index,
    lens_rank
from {{ ref('fct_lens_productivity') }}
where
    (lens_rank is null) <> (productivity_index is null)
    or abs(productivity_index - 100.0 * outcome_index / spend_index) > 1e-9
