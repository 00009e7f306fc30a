{#-
    LAIT big data sheet, long form: one row per measure (Short Desc), year label and area, as
    published: the DfE area number (970 England, 980-990 regions and Inner/Outer London, three
    digits for local authorities), the year label with its status suffix split off, the value.
    GSS codes and the period (which needs the measure's Year_Type from the data dictionary) are
    added in intermediate (int_dfe__lait_values): staging reads only its own source.
    - Year: the published label is kept in `years`; a suffix ' (Rev)', ' (Final)', ' (prov)' or
      ' (OT)' (outturn) goes to `year_status`; `years_clean` is the label without it. Rows with
      the placeholder year '0' (one empty measure) are dropped.
    - DfE number: stored as a double (301.0); written as three digits, zero-padded ('001'), by
      the dfe_number macro (four-digit numbers of the scaled benchmark demo are kept whole).
    - Values: text with float artefacts (2.2999999999999998) parsed to double; '-', 'x', 'c'
      become null with is_suppressed = true.
-#}
with

source as (
    select * from {{ source('dfe_lait', 'dfe_lait__bds_long') }}
),

renamed as (
    select
        trim(short_desc) as measure_short,
        trim(data_item) as data_item,
        trim(years) as years,
        trim(
            replace(replace(replace(replace(trim(years), ' (Rev)', ''), ' (Final)', ''), ' (prov)', ''), ' (OT)', '')
        ) as years_clean,
        case
            when trim(years) like '%(Rev)' then 'revised'
            when trim(years) like '%(Final)' then 'final'
            when trim(years) like '%(prov)' then 'provisional'
            when trim(years) like '%(OT)' then 'outturn'
        end as year_status,
        {{ dfe_number('la_number') }} as dfe_area_code,
        case
            when {{ dfe_number('la_number') }} = '970' then 'national'
            when length({{ dfe_number('la_number') }}) = 3 and {{ dfe_number('la_number') }} between '980' and '990'
                then 'regional'
            else 'local authority'
        end as geographic_level,
        trim(la_and_regions) as authority_name,
        trim(region) as region_name,
        {{ parse_number('values') }} as value,  -- noqa: RF04
        {{ is_suppressed('values') }} as is_suppressed,
        _source_file as source_file
    from source
    where trim(years) like '2%'
)

select * from renamed
