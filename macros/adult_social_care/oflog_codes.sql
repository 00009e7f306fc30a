{#-
    oflog_asc_metric_code(column): Oflog adult social care metric code (ASC1 ... ASC7) from the
    metric name, for files that publish the name only (adult_social_care.csv). Null if unknown.
-#}
{% macro oflog_asc_metric_code(column) -%}
    case
        {%- for pattern, code in [
            ('%carer quality of life%', 'ASC1'),
            ('%asc quality of life%', 'ASC2'),
            ('%finding information%service users%', 'ASC3'),
            ('%finding information%carers%', 'ASC4'),
            ('%sequel to service%', 'ASC5'),
            ('%requests resulting in a service%', 'ASC6'),
            ('%workforce turnover%', 'ASC7')] %}
        when lower({{ column }}) like '{{ pattern }}' then '{{ code }}'
        {%- endfor %}
    end
{%- endmacro %}

{#- oflog_asc_metric_unit(code): scale of the metric value. -#}
{% macro oflog_asc_metric_unit(code) -%}
    case {{ code }}
        when 'ASC1' then 'score_0_12'
        when 'ASC2' then 'score_0_1'
        when 'ASC6' then 'per_100000'
        else 'percent'
    end
{%- endmacro %}
