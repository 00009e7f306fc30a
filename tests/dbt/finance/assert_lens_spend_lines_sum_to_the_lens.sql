{#- The lines of fct_lens_spend add up to the lens's spend (within a thousandth of GBP 1k). -#}
select
    edition,
    authority_code,
    lens_id,
    sum(amount_gbp_k) as lines_gbp_k,
    max(lens_spend_gbp_k) as lens_spend_gbp_k
from {{ ref('fct_lens_spend') }}
group by edition, authority_code, lens_id
having abs(sum(amount_gbp_k) - max(lens_spend_gbp_k)) > 0.001
