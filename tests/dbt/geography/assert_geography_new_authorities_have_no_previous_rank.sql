{#-
    An authority created by a merger or a split has no previous rank in fct_rank_changes (never the
    rank of one of the authorities it was made from), and says why; every other authority of an
    edition after the first continues one of the previous edition (same code or same area).
-#}
select
    changes.edition,
    changes.authority_code,
    changes.lens_id,
    changes.previous_rank,
    changes.no_previous_rank_reason,
    continuity.continuity
from {{ ref('fct_rank_changes') }} as changes
inner join {{ ref('int_geography__edition_continuity') }} as continuity
    on
        changes.edition = continuity.edition
        and changes.authority_code = continuity.authority_code
where
    (
        continuity.continuity in ('merger', 'split')
        and (changes.previous_rank is not null or changes.no_previous_rank_reason is null)
    )
    or continuity.continuity = 'unmapped'
