-- Per edition and lens, the outcome index of the ranked councils has mean 100 and sample sd 10
-- (outcome score standardised to mean 0, sd 1, then 100 + 10 x z).
select
    edition,
    lens_id,
    avg(outcome_index) as mean_outcome_index,
    stddev_samp(outcome_index) as sd_outcome_index
from {{ ref('fct_lens_productivity') }}
where outcome_index is not null
group by edition, lens_id
having
    count(*) >= 2
    and (abs(avg(outcome_index) - 100) > 1e-6 or abs(stddev_samp(outcome_index) - 10) > 1e-6)
