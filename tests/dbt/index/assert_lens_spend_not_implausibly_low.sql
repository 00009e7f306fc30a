{{ config(severity='warn') }}
{#-
    Warns about councils whose lens spend per head is below a quarter of the median of the ranked
    councils (spend_index < 25, macro index_has_implausibly_low_spend, the rule of the mart's
    has_implausibly_low_spend flag): such a council's productivity index is inflated by the division,
    and the usual cause is spend booked elsewhere, not efficiency. Since lens spend counts the
    service wherever the council books it (the waste disposal levy to joint waste authorities, the
    learning disability and mental health lines of every age), what remains on the real 2017-19
    files are genuine, documented cases, listed for a finance reader: Slough's children's social care,
    run by Slough Children's Trust under a contract whose cost the council books partly outside line
    330; and general-fund housing services of councils whose housing is run through their housing
    revenue account or an arm's-length company (South Tyneside, Herefordshire, Northumberland), where
    line 490 holds only a small residual. The marts flag these rows (has_implausibly_low_spend, with
    caveat_text) and the report marks their ranks with a caveat.
-#}
select
    edition,
    authority_code,
    lens_id,
    spend_per_head,
    spend_index,
    productivity_index,
    has_implausibly_low_spend
from {{ ref('fct_lens_productivity') }}
where {{ index_has_implausibly_low_spend('spend_index') }}
