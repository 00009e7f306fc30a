{#-
    Quarterly H-CLIC table TA1: households in temporary accommodation at the end of each quarter,
    one row per housing authority (and England) and quarter. TA1 is a snapshot (a stock), so the
    31 March figure of a financial year is the March file's, not a sum of quarters. The quarter is
    read from the file name (YYYYMM, `hclic_file_yyyymm`): `period` is the quarter-end date,
    `financial_year` and `period_end_year` the financial year it falls in (June 2019 -> 2019-20).
    Codes stay as published (districts; later-boundary authorities as they are); regions and the
    'Rest of England' row are dropped. Where two files give the same quarter (a later `_revised` or
    `_fixed` release beside the original), the file whose name sorts last, the later release, wins.
-#}
with

source as (
    select * from {{ source('homelessness', 'mhclg_homelessness_ta_quarterly__ta1') }}
),

renamed as (
    select
        {{ normalise_authority_code('col_1') }} as authority_code,
        trim(col_2) as area_name,
        {{ hclic_file_yyyymm('_source_file') }} as file_yyyymm,
        {{ parse_number('households_in_ta') }} as households_in_ta,
        {{ parse_number('households_in_ta_with_children') }} as households_in_ta_with_children,
        {{ parse_number('children_in_ta') }} as children_in_ta,
        {{ parse_number('bb_households') }} as households_in_bb,
        {{ parse_number('bb_households_with_children') }} as households_in_bb_with_children,
        {{ parse_number('households_thousands') }} as households_thousands,
        {{ number_or_null_flag('households_in_ta') }} as is_suppressed,
        {{ number_or_null_flag('bb_households_with_children') }} as is_bb_with_children_suppressed,
        _source_file as source_file
    from source
    where {{ is_la_or_england_code('col_1') }}
),

dated as (
    select
        *,
        {{ hclic_quarter_end('file_yyyymm') }} as quarter_end_text,
        cast(substring(file_yyyymm, 1, 4) as integer) as snapshot_year,
        cast(substring(file_yyyymm, 5, 2) as integer) as snapshot_month
    from renamed
),

ranked as (
    select
        *,
        snapshot_year + case when snapshot_month <= 3 then 0 else 1 end as financial_year_end,
        row_number() over (
            partition by authority_code, file_yyyymm
            order by source_file desc
        ) as release_rank
    from dated
),

final as (
    select
        authority_code,
        area_name,
        quarter_end_text as period,
        cast(quarter_end_text as date) as quarter_end,
        snapshot_year,
        snapshot_month,
        {{ financial_year_label('financial_year_end') }} as financial_year,
        financial_year_end as period_end_year,
        households_in_ta,
        households_in_ta_with_children,
        children_in_ta,
        households_in_bb,
        households_in_bb_with_children,
        households_thousands,
        is_suppressed,
        is_bb_with_children_suppressed,
        source_file
    from ranked
    where release_rank = 1
)

select * from final
