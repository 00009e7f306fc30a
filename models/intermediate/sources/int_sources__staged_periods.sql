{#-
    What each source holds per period, straight from staging: one row per registry dataset,
    staging model and period, with the rows and the distinct authority codes staged (codes as
    published, on the boundaries of the file: districts, later unitaries and England included).
    Every staging model that carries `authority_code` and `period` is listed once below with the
    dataset it stages; fct_source_coverage publishes the sums per dataset and period.
-#}
{%- set staged = [
    ('stg_ascof__measures', 'nhsd_ascof'),
    ('stg_ascof__final_data', 'ascof_processed'),
    ('stg_dfe_cin__b1_children_in_need', 'dfe_cin_census'),
    ('stg_dfe_cin__c1_referrals', 'dfe_cin_census'),
    ('stg_dfe_cin__c4_section_47_icpc', 'dfe_cin_census'),
    ('stg_dfe_cin__d3_cpp_subsequent', 'dfe_cin_census'),
    ('stg_dfe_cin__d5_cpp_duration', 'dfe_cin_census'),
    ('stg_dfe_cin__csww_indicators', 'dfe_csww'),
    ('stg_dfe_cin__ofsted_outcomes_at_31_march', 'ofsted_la_inspections'),
    ('stg_dfe_cin__ofsted_inspection_history', 'ofsted_la_inspections'),
    ('stg_dfe_cla_underlying__sfr41_cla_2016', 'dfe_cla'),
    ('stg_dfe_cla_underlying__sfr50_cla_2017', 'dfe_cla'),
    ('stg_dfe_cla_underlying__ees_placement_stability', 'dfe_cla'),
    ('stg_dfe_cla_underlying__ees_outcomes', 'dfe_cla'),
    ('stg_dfe_cla_underlying__ees_care_leavers_activity', 'dfe_cla'),
    ('stg_dfe_cla_underlying__ees_care_leavers_accommodation', 'dfe_cla'),
    ('stg_dfe_cla_underlying__ees_missing', 'dfe_cla'),
    ('stg_dfe_cla_underlying__ees_cla_rate', 'dfe_cla'),
    ('stg_flytipping__incidents', 'defra_flytipping'),
    ('stg_health_interface__delayed_transfers_monthly', 'nhse_dtoc_la_monthly'),
    ('stg_homelessness__hclic_a1', 'mhclg_hclic_detailed_la'),
    ('stg_homelessness__p1e_2004_2018', 'homelessness_2004_2018_processed'),
    ('stg_homelessness__table_784', 'mhclg_homelessness_table_784'),
    ('stg_homelessness__ta_quarterly', 'mhclg_homelessness_ta_quarterly'),
    ('stg_homelessness__hclic_quarterly_a1', 'mhclg_homelessness_ta_quarterly'),
    ('stg_homelessness__prevention_relief_p1e', 'mhclg_homelessness_prevention_relief_p1e'),
    ('stg_housing_supply__net_additional_dwellings', 'dluhc_net_additional_dwellings'),
    ('stg_housing_supply__affordable_completions', 'dluhc_affordable_housing_supply'),
    ('stg_housing_supply__long_term_vacant', 'dluhc_vacant_dwellings_lt615'),
    ('stg_la_finance__revenue_account_budget', 'mhclg_ra_budget'),
    ('stg_la_finance__revenue_outturn_summary', 'mhclg_rs_outturn'),
    ('stg_la_finance__revenue_outturn_detail', 'mhclg_ro_detail'),
    ('stg_oflog_asc__metrics', 'oflog_asc'),
    ('stg_population__children_0_17', 'dfe_child_population'),
    ('stg_rough_sleeping__snapshot', 'dluhc_rough_sleeping_snapshot'),
    ('stg_waste__collected_waste', 'defra_lacw'),
] -%}
with

final as (
    {%- for model, dataset in staged %}
        select
            '{{ dataset }}' as source_dataset_id,
            '{{ model }}' as staging_model,
            cast(period as {{ type_varchar() }}) as period,
            max(period_end_year) as period_end_year,
            count(*) as staged_rows,
            count(distinct authority_code) as staged_authorities
        from {{ ref(model) }}
        where period is not null
        group by period
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select * from final
