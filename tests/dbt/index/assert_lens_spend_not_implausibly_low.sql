{{ config(severity='warn') }}
{#-
    Warns about councils whose lens spend per head is below a quarter of the median of the ranked
    councils (spend_index < 25): such a council's productivity index is inflated by the division,
    and the usual cause is spend booked elsewhere (e.g. children's services run through a trust or
    a joint arrangement), not efficiency: on the real 2017-19 files it lists Slough's children's
    social care (run by Slough Children's Trust), waste in London boroughs whose disposal is paid
    through a joint waste authority levy (Ealing, Barking and Dagenham) and two housing lines.
    The rows are listed for a finance reader to check.
-#}
select
    edition,
    authority_code,
    lens_id,
    spend_per_head,
    spend_index,
    productivity_index
from {{ ref('fct_lens_productivity') }}
where spend_index < 25
