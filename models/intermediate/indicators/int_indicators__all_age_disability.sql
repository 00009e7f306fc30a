{#-
    All-age disability lens: ASCOF outcomes for adults with learning disabilities or in contact
    with secondary mental health services, younger adults' care home admissions, direct payments,
    and carers finding information (3D(2), standing in for carers neglecting themselves, which is
    not published per council; Oflog ASC4 is the same measure and fills 2016-17).
    EHC plans issued within 20 weeks (excluding exception cases) come from the DfE SEN2 return
    via LAIT (`SEN_EHC_Excpt_20wks`, calendar years: period '2017' = plans issued in 2017).
    Logic: macro `ascof_indicator_rows` for the ASCOF measures; LAIT rows below.
-#}
with

ascof_rows as (
    {{ ascof_indicator_rows([
        {'id': 'dis_ld_paid_employment', 'measure_code': '1E', 'disaggregation': 'Total'},
        {'id': 'dis_ld_own_home_or_family', 'measure_code': '1G', 'disaggregation': 'Total'},
        {'id': 'dis_mh_paid_employment', 'measure_code': '1F', 'disaggregation': 'Total'},
        {'id': 'dis_mh_living_independently', 'measure_code': '1H', 'disaggregation': 'Total'},
        {'id': 'dis_permanent_admissions_18_64', 'measure_code': '2A(1)', 'disaggregation': 'Total'},
        {'id': 'dis_direct_payments', 'measure_code': '1C(2A)', 'disaggregation': 'Total'},
        {'id': 'dis_carers_easy_to_find_information', 'measure_code': '3D(2)', 'disaggregation': 'Total',
         'oflog_metric_code': 'ASC4'},
    ]) }}
),

lait as (
    select * from {{ ref('int_dfe__lait_values') }}
),

ehc_areas as (
    select authority_code from {{ ref('int_geography__upper_tier_2018') }}
    union all
    select 'E92000001' as authority_code
),

ehc_rows as (
    select
        'dis_ehc_plans_within_20_weeks' as indicator_id,
        lait.authority_code,
        lait.period,
        lait.period_end_year,
        cast(lait.value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(null as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        'dfe_lait' as source_dataset_id
    from lait
    inner join ehc_areas on lait.authority_code = ehc_areas.authority_code
    where
        lait.measure_short = 'SEN_EHC_Excpt_20wks'
        and lait.geographic_level in ('national', 'local authority')
        and lait.year_status is null
        and lait.years like '____'
        and lait.value is not null
        and lait.period_end_year <= 2019
),

final as (
    select * from ascof_rows
    union all
    select * from ehc_rows
)

select * from final
