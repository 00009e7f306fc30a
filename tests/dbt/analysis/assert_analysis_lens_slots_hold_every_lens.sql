{{ config(enabled=var('analysis_enabled', true)) }}
{#-
    The rank simulation (int_analysis__run_lens_ranks) lays each lens's indicators out in
    analysis_lens_slots() columns: a lens of the catalogue with more indicators than that would
    lose some. Returns such lenses (raise the number in macros/analysis/analysis_helpers.sql).
-#}
select
    lens_id,
    count(*) as indicators_in_lens,
    {{ analysis_lens_slots() }} as slots
from {{ ref('int_indicators__catalogue') }}
group by lens_id
having count(*) > {{ analysis_lens_slots() }}
