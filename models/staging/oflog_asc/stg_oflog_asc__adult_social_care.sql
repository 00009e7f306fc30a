{#-
    Oflog adult social care metrics from adult_social_care.csv (the rows of asc_data.csv without the
    metric code column): one row per local authority, financial year and metric; the code ASC1 ...
    ASC7 is recognised from the metric name. Body: macro oflog_asc_metric_rows.
-#}
{{ oflog_asc_metric_rows(source('oflog_asc', 'oflog_asc__adult_social_care'), oflog_asc_metric_code('measure')) }}
