{#-
    All-age disability lens: ASCOF outcomes for adults with learning disabilities or in contact
    with secondary mental health services, younger adults' care home admissions, direct payments,
    and carers finding information (3D(2), standing in for carers neglecting themselves, which is
    not published per council; Oflog ASC4 is the same measure and fills 2016-17).
    Logic: macro `ascof_indicator_rows`.
-#}
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
