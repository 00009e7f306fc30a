{#-
    Quarterly H-CLIC table A1: households by initial assessment of homelessness circumstances in
    each quarter (owed a prevention or relief duty, or no duty) and households in the area
    (000s), one row per housing authority (and England) and quarter. From the September 2023
    release the table adds two no-duty columns (withdrew before assessment; not eligible), which
    the total includes from then on (null before). A-, P-, R- and MD-tables count flows in the
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
    select * from {{ source('homelessness', 'mhclg_homelessness_ta_quarterly__a1') }}
),

renamed as (
    select
        {{ normalise_authority_code('col_1') }} as authority_code,
        trim(col_2) as area_name,
        {{ hclic_file_yyyymm('_source_file') }} as file_yyyymm,
        {{ parse_number('total_initial_assessments') }} as total_initial_assessments,
        {{ parse_number('owed_duty') }} as owed_duty,
        {{ parse_number('prevention_duty_owed') }} as prevention_duty_owed,
        {{ parse_number('prevention_duty_owed_section_21') }} as prevention_duty_owed_section_21,
        {{ parse_number('relief_duty_owed') }} as relief_duty_owed,
        {{ parse_number('no_duty_owed') }} as no_duty_owed,
        {{ parse_number('withdrew_before_assessment') }} as withdrew_before_assessment,
        {{ parse_number('not_eligible') }} as not_eligible,
        {{ parse_number('households_thousands') }} as households_thousands,
        {{ number_or_null_flag('total_initial_assessments') }} as is_suppressed,
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
        total_initial_assessments,
        owed_duty,
        prevention_duty_owed,
        prevention_duty_owed_section_21,
        relief_duty_owed,
        no_duty_owed,
        withdrew_before_assessment,
        not_eligible,
        households_thousands,
        is_suppressed,
        source_file
    from ranked
    where release_rank = 1
)

select * from final
