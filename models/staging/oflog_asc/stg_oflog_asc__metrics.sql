{#-
    Oflog adult social care metrics from asc_data.csv: one row per local authority, financial year
    and metric, with the published metric code ASC1 ... ASC7. Body: macro oflog_asc_metric_rows.
-#}
{{ oflog_asc_metric_rows(source('oflog_asc', 'oflog_asc__asc_data'), 'upper(trim(code))') }}
