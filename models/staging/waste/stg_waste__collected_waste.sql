{#-
    Defra ENV18 Table_1: local authority collected waste tonnages, one row per authority and
    financial year. Footnote rows (no year in the first column) are dropped. Every reporting
    authority is kept (collection, disposal, unitary and joint bodies with E50 codes): the
    upper-tier rule (unitary and disposal rows only, no double counting) is applied downstream.
-#}
with

source as (
    select * from {{ source('waste', 'defra_lacw__collected_waste') }}
),

renamed as (
    select
        {{ normalise_authority_code('ons_code') }} as authority_code,
        trim(local_authority) as authority_name,
        lower(trim(authority_type)) as authority_type,
        trim(region) as region_name,
        trim(financial_year) as period,
        {{ financial_year_end('trim(financial_year)') }} as period_end_year,
        {{ parse_number('total_local_authority_collected_waste_tonnes') }} as lacw_total_tonnes,
        {{ parse_number('household_total_waste_tonnes') }} as household_total_tonnes,
        {{ parse_number('household_waste_sent_for_recycling_composting_reuse_tonnes') }}
            as household_recycled_tonnes,
        {{ parse_number('household_waste_not_sent_for_recycling_tonnes') }} as household_not_recycled_tonnes,
        {{ parse_number('household_estimated_rejects_tonnes_see_notes_sheet_for_detail_o') }}
            as household_rejects_tonnes,
        {{ parse_number('non_household_total_waste_tonnes') }} as non_household_total_tonnes,
        {{ parse_number('local_authority_collected_waste_sent_for_recycling_composting_r') }}
            as lacw_recycled_tonnes,
        {{ parse_number('local_authority_collected_estimated_rejects_tonnes') }} as lacw_rejects_tonnes,
        {{ is_suppressed('total_local_authority_collected_waste_tonnes') }} as is_suppressed,
        _row_number as source_row_number,
        _source_file as source_file
    from source
    where
        trim(financial_year) like '____-__'
        and ons_code is not null
        and trim(ons_code) <> ''
)

select * from renamed
