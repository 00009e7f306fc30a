{#-
    Defra ENV24 sheet LA_actions: fly-tipping enforcement actions reported by waste collection
    authorities, one row per authority and financial year; same row rules as the incidents sheet
    (':' -> null, names trimmed, England row kept as E92000001, regional '*Total' rows dropped):
    macro flytipping_la_rows.
-#}
{%- set measures = [
    ['total_actions', 'total_actions'],
    ['total_fixed_penalty_notice_actions', 'fixed_penalty_notices'],
    ['prosecution_actions', 'prosecutions'],
] %}

{{ flytipping_la_rows(source('flytipping', 'defra_flytipping__la_actions'), measures) }}
