{#-
    Older people lens: ASCOF outcomes for people aged 65 and over (survey measures on their
    `65 and over` disaggregation; 2A(2), 2B(1), 2B(2) are 65+ measures by definition, `Total`).
    No Oflog metric is the same measure as any of these (Oflog ASC2 is 1J, not 1A), so earlier
    years come only from ASCOF open-data files when present. Logic: macro `ascof_indicator_rows`.
-#}
{{ ascof_indicator_rows([
    {'id': 'op_permanent_admissions_65plus', 'measure_code': '2A(2)', 'disaggregation': 'Total'},
    {'id': 'op_reablement_still_at_home_91_days', 'measure_code': '2B(1)', 'disaggregation': 'Total'},
    {'id': 'op_reablement_offered_after_discharge', 'measure_code': '2B(2)', 'disaggregation': 'Total'},
    {'id': 'op_care_related_quality_of_life', 'measure_code': '1A', 'disaggregation': '65 and over'},
    {'id': 'op_control_over_daily_life', 'measure_code': '1B', 'disaggregation': '65 and over'},
    {'id': 'op_satisfaction_with_care', 'measure_code': '3A', 'disaggregation': '65 and over'},
    {'id': 'op_users_feel_safe', 'measure_code': '4A', 'disaggregation': '65 and over'},
    {'id': 'op_social_contact', 'measure_code': '1I(1)', 'disaggregation': '65 and over'},
]) }}
