{#- Quarterly TA1 tables: the quarter end is in the file name (Detailed_LA_YYYYMM); a snapshot at
    the end of March belongs to the financial year ending then, later quarters to the next. -#}
with

source as (
    select * from {{ source('homelessness', 'mhclg_homelessness_ta_quarterly__ta1') }}
),

renamed as (
    select
        {{ normalise_authority_code('col_1') }} as authority_code,
        trim(col_2) as area_name,
        {{ file_year('_source_file', 'Detailed_LA_') }} as snapshot_year,
        cast(substring(_source_file, position('Detailed_LA_' in _source_file) + 16, 2) as integer)
            as snapshot_month,
        {{ parse_number('col_3') }} as households_in_ta,
        {{ parse_number('col_4') }} as households_in_ta_with_children,
        {{ parse_number('col_5') }} as households_in_bb,
        {{ parse_number('col_6') }} as households_in_bb_with_children,
        {{ number_or_null_flag('col_3') }} as is_suppressed,
        _source_file as source_file
    from source
    where {{ is_la_or_england_code('col_1') }}
),

final as (
    select
        authority_code,
        area_name,
        snapshot_year,
        snapshot_month,
        {{ financial_year_label('snapshot_year + case when snapshot_month <= 3 then 0 else 1 end') }} as period,
        snapshot_year + case when snapshot_month <= 3 then 0 else 1 end as period_end_year,
        households_in_ta,
        households_in_ta_with_children,
        households_in_bb,
        households_in_bb_with_children,
        is_suppressed,
        source_file
    from renamed
)

select * from final
