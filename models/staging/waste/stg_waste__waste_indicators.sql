{#-
    Defra ENV18 Table_3: the former national waste indicators, one row per authority and financial
    year. NI192 and NI193 are published as fractions (0.437) and are converted to percentages
    (43.7). '-' (NI193 for collection authorities, which do not manage disposal) becomes null.
    The 'Total England' row is kept as England's code (var `england_code`); regional total rows (code 'Total', region
    '*<name>') and footnote rows are dropped.
-#}
with

source as (
    select * from {{ source('waste', 'defra_lacw__waste_indicators') }}
),

renamed as (
    select
        case
            when trim(ons_code) = 'Total' and trim(region) = 'Total England' then '{{ var("england_code") }}'
            else {{ normalise_authority_code('ons_code') }}
        end as authority_code,
        case
            when trim(ons_code) = 'Total' then 'England'
            else trim(authority)
        end as authority_name,
        lower(trim(authority_type)) as authority_type,
        trim(region) as region_name,
        trim(year) as period,
        {{ financial_year_end('trim(year)') }} as period_end_year,
        {{ parse_number('residual_household_waste_per_household_kg_household_ex_ni191') }}
            as residual_household_waste_kg_per_household,
        {{ parse_number('percentage_of_household_waste_sent_for_reuse_recycling_or_compo') }} * 100
            as household_waste_recycled_pct,
        {{ parse_number('percentage_of_municipal_waste_sent_to_landfill_ex_ni193') }} * 100
            as municipal_waste_landfilled_pct,
        {{ parse_number('collected_household_waste_per_person_kg_ex_bvpi_84a') }}
            as household_waste_kg_per_person,
        {{ is_suppressed('residual_household_waste_per_household_kg_household_ex_ni191') }}
            as is_residual_suppressed,
        {{ is_suppressed('percentage_of_household_waste_sent_for_reuse_recycling_or_compo') }}
            as is_recycled_suppressed,
        {{ is_suppressed('percentage_of_municipal_waste_sent_to_landfill_ex_ni193') }}
            as is_landfilled_suppressed,
        {{ is_suppressed('collected_household_waste_per_person_kg_ex_bvpi_84a') }}
            as is_household_waste_suppressed,
        _row_number as source_row_number,
        _source_file as source_file
    from source
    where
        trim(year) like '____-__'
        and ons_code is not null
        and trim(ons_code) <> ''
),

final as (
    select * from renamed
    where authority_code <> 'TOTAL'
)

select * from final
