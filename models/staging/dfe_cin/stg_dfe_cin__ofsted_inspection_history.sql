{#-
    Ofsted ILACS inspection history: one row per local authority and standard or short
    inspection since 2018 (sheet ILACS_inspection_history of the Ofsted workbook), with its
    judgements.

    - Period: the financial year in which the inspection took place (an inspection on 18 February
      2019 is in '2018-19', period_end_year 2019), so judgements can be assigned to any year.
    - Workbooks: each year's workbook repeats the whole history; where more than one is loaded,
      only the rows of the latest (the one with the latest inspection date) are kept.
    - Authority: GSS code as published (local_authority_area_code, normalised with
      normalise_authority_code), including authorities that no longer exist (authority_status
      'No longer exists': Bournemouth, Cumbria, Northamptonshire); no DfE number.
    - Dates: date cells land as '2019-02-18T00:00:00' (the demo writes '2019-02-18'); the first
      ten characters are cast to date.
    - Judgements: text as published; the care leavers judgement is null for inspections before
      1 January 2023, when it was introduced.
-#}
with

source as (
    select * from {{ source('dfe_cin', 'ofsted_la_inspections__inspection_history') }}
),

renamed as (
    select
        {{ normalise_authority_code('local_authority_area_code') }} as authority_code,
        trim(local_authority_name) as authority_name,
        trim(local_authority_status) as authority_status,
        cast(nullif(left(trim(inspection_date), 10), '') as date) as inspection_date,
        cast(nullif(left(trim(publication_date), 10), '') as date) as publication_date,
        trim(inspection_type) as inspection_type,
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

workbooks as (
    select
        renamed.*,
        cast(extract(year from renamed.inspection_date) as integer)
        + case when extract(month from renamed.inspection_date) > 3 then 1 else 0 end as period_end_year,
        max(renamed.inspection_date) over (partition by renamed.source_file) as workbook_latest_date
    from renamed
),

latest_workbook as (
    select
        workbooks.*,
        max(workbooks.workbook_latest_date) over () as latest_date
    from workbooks
),

final as (
    select
        authority_code,
        authority_name,
        authority_status,
        {{ financial_year_label('period_end_year') }} as period,
        period_end_year,
        inspection_date,
        publication_date,
        inspection_type,
        overall_effectiveness,
        leaders_judgement,
        help_and_protection_judgement,
        children_in_care_judgement,
        care_leavers_judgement,
        source_file
    from latest_workbook
    where workbook_latest_date = latest_date
)

select * from final
