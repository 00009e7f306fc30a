{#-
    Quarterly H-CLIC table R1: households whose relief duty ended in each quarter, by reason,
    one row per housing authority (and England) and quarter. A-, P-, R- and MD-tables count
    flows in the quarter: a financial year is the sum of its four quarters (June, September,
    December and March files). The quarter is read from the file name (YYYYMM,
    `hclic_file_yyyymm`): `period` is the quarter-end date, `financial_year` and
    `period_end_year` the financial year it falls in. Codes stay as published (districts;
    later-boundary authorities as they are); regions and the 'Rest of England' row are dropped.
    Where two files give the same quarter (a later `_revised` or `_fixed` release beside the
    original), the file whose name sorts last, the later release, wins.
-#}
with

source as (
    select * from {{ source('homelessness', 'mhclg_homelessness_ta_quarterly__r1') }}
),

renamed as (
    select
        {{ normalise_authority_code('col_1') }} as authority_code,
        trim(col_2) as area_name,
        {{ hclic_file_yyyymm('_source_file') }} as file_yyyymm,
        {{ parse_number('relief_duties_ended') }} as relief_duties_ended,
        {{ parse_number('relief_secured_accommodation') }} as relief_secured_accommodation,
        {{ parse_number('relief_56_days_elapsed') }} as relief_56_days_elapsed,
        {{ number_or_null_flag('relief_duties_ended') }} as is_suppressed,
        _source_file as source_file
    from source
    where {{ is_la_or_england_code('col_1') }}
),

dated as (
    select
        *,
        {{ hclic_quarter_end('file_yyyymm') }} as quarter_end_text,
        cast(substring(file_yyyymm, 1, 4) as integer) as quarter_end_year,
        cast(substring(file_yyyymm, 5, 2) as integer) as quarter_end_month
    from renamed
),

ranked as (
    select
        *,
        quarter_end_year + case when quarter_end_month <= 3 then 0 else 1 end as financial_year_end,
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
        {{ financial_year_label('financial_year_end') }} as financial_year,
        financial_year_end as period_end_year,
        relief_duties_ended,
        relief_secured_accommodation,
        relief_56_days_elapsed,
        is_suppressed,
        source_file
    from ranked
    where release_rank = 1
)

select * from final
