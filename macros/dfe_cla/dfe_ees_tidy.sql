{#-
    dfe_ees_tidy(relation, dimensions, measures, suppression_flags): the body of a staging model for
    one DfE children looked after EES tidy file (2018 onwards): one row per area, year and category.
    The area is the local authority (new_la_code, DfE number old_la_code), the region (region_code)
    or England (country_code) by geographic_level; time_period 2018 = year ending 31 March 2018 =
    period '2017-18'. `dimensions` are [published column, name] pairs kept as trimmed text;
    `measures` [published column, name] pairs parsed to numbers (default number, percentage);
    `suppression_flags` [published column, name] pairs flagging markers (x, c, z, ':'), which
    become null values, never zero (default number -> is_suppressed).
-#}
{% macro dfe_ees_tidy(
    relation,
    dimensions,
    measures=[['number', 'number'], ['percentage', 'percentage']],
    suppression_flags=[['number', 'is_suppressed']]
) -%}
with

source as (
    select * from {{ relation }}
),

renamed as (
    select
        case lower(trim(geographic_level))
            when 'national' then {{ normalise_authority_code('country_code') }}
            when 'regional' then {{ normalise_authority_code('region_code') }}
            else {{ normalise_authority_code('new_la_code') }}
        end as authority_code,
        case when lower(trim(geographic_level)) = 'local authority' then trim(old_la_code) end as dfe_code,
        case when lower(trim(geographic_level)) = 'local authority' then trim(la_name) end as authority_name,
        lower(trim(geographic_level)) as geographic_level,
        {{ financial_year_label('cast(trim(time_period) as integer)') }} as period,
        cast(trim(time_period) as integer) as period_end_year,
        {%- for item in dimensions %}
        trim({{ item[0] }}) as {{ item[1] }},
        {%- endfor %}
        {%- for item in measures %}
        {{ parse_number(item[0]) }} as {{ item[1] }},{% if item[1] == 'value' %}  -- noqa: RF04{% endif %}
        {%- endfor %}
        {%- for item in suppression_flags %}
        {{ is_suppressed(item[0]) }} as {{ item[1] }},
        {%- endfor %}
        _source_file as source_file
    from source
    where trim(time_period) is not null and trim(time_period) <> ''
)

select * from renamed
{%- endmacro %}
