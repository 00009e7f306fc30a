{#-
    Quarterly H-CLIC table MD1: main duty decisions at the end of the relief duty in each
    quarter (acceptances: homeless, in priority need and unintentionally homeless), one row per
    housing authority (and England) and quarter. A-, P-, R- and MD-tables count flows in the
    quarter: a financial year is the sum of its four quarters (June, September, December and
    March files). The quarter is read from the file name (YYYYMM, `hclic_file_yyyymm`): `period`
    is the quarter-end date, `financial_year` and `period_end_year` the financial year it falls
    in. Codes stay as published (districts; later-boundary authorities as they are); regions and
    the 'Rest of England' row are dropped. Where two files give the same quarter (a later
    `_revised` or `_fixed` release beside the original), the file whose name sorts last, the
    later release, wins.
-#}
with

source as (
    select * from {{ source('homelessness', 'mhclg_homelessness_ta_quarterly__md1') }}
),

renamed as (
    select
        {{ normalise_authority_code('col_1') }} as authority_code,
        trim(col_2) as area_name,
        {{ hclic_file_yyyymm('_source_file') }} as file_yyyymm,
        {{ parse_number('main_duty_decisions') }} as main_duty_decisions,
        {{ parse_number('acceptances') }} as acceptances,
        {{ parse_number('intentionally_homeless') }} as intentionally_homeless,
        {{ parse_number('no_priority_need') }} as no_priority_need,
        {{ parse_number('not_homeless') }} as not_homeless,
        {{ number_or_null_flag('acceptances') }} as is_suppressed,
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
        main_duty_decisions,
        acceptances,
        intentionally_homeless,
        no_priority_need,
        not_homeless,
        is_suppressed,
        source_file
    from ranked
    where release_rank = 1
)

select * from final
