{#-
    Ofsted local authority inspection outcomes (ILACS) as at 31 March: one row per local
    authority and snapshot, with its latest inspection's dates and judgements (sheet
    Inspections_as_at_31_March of the Ofsted workbook).

    - Period: the workbook is a snapshot at 31 March (2025 for the current file). The year is
      read from the data, not the file name: the first 31 March on or after the latest
      inspection date in the file (period_end_year 2025, period '2024-25').
    - Authority: GSS code as published (local_authority_area_code, normalised with
      normalise_authority_code); Ofsted publishes no DfE number and no England row.
    - Dates: date cells land as '2023-07-10T00:00:00' (the demo writes '2023-07-10'); the first
      ten characters are cast to date.
    - Judgements: text as published ('Outstanding', 'Good', 'Requires improvement to be good',
      'Inadequate'); the care leavers judgement is null for inspections before 1 January 2023,
      when it was introduced.
-#}
with

source as (
    select * from {{ source('dfe_cin', 'ofsted_la_inspections__outcomes_at_31_march') }}
),

renamed as (
    select
        {{ normalise_authority_code('local_authority_area_code') }} as authority_code,
        trim(local_authority_name) as authority_name,
        cast(nullif(left(trim(inspection_date), 10), '') as date) as inspection_date,
        cast(nullif(left(trim(publication_date), 10), '') as date) as publication_date,
        nullif(trim(overall_effectiveness), '') as overall_effectiveness,
        nullif(trim(the_impact_of_leaders_on_social_work_practice_with_children_and), '')
            as leaders_judgement,
        nullif(trim(the_experiences_and_progress_of_children_who_need_help_and_prot), '')
            as help_and_protection_judgement,
        nullif(trim(the_experiences_and_progress_of_children_in_care), '') as children_in_care_judgement,
        nullif(trim(the_experiences_and_progress_of_care_leavers), '') as care_leavers_judgement,
        _source_file as source_file
    from source
    where nullif(trim(local_authority_area_code), '') is not null
),

snapshots as (
    select
        source_file,
        max(inspection_date) as latest_inspection_date
    from renamed
    group by source_file
),

snapshot_years as (
    select
        source_file,
        cast(extract(year from latest_inspection_date) as integer)
        + case when extract(month from latest_inspection_date) > 3 then 1 else 0 end as period_end_year
    from snapshots
),

final as (
    select
        renamed.authority_code,
        renamed.authority_name,
        {{ financial_year_label('snapshot_years.period_end_year') }} as period,
        snapshot_years.period_end_year,
        renamed.inspection_date,
        renamed.publication_date,
        renamed.overall_effectiveness,
        renamed.leaders_judgement,
        renamed.help_and_protection_judgement,
        renamed.children_in_care_judgement,
        renamed.care_leavers_judgement,
        renamed.source_file
    from renamed
    inner join snapshot_years on renamed.source_file = snapshot_years.source_file
)

select * from final
