{#-
    Wide housing tables (one column per year) -> one row per area and year; used by
    models/staging/housing_supply and models/staging/rough_sleeping.

    housing_year_columns(first_year, last_year, snapshot=false): the year columns as [column, label]
    pairs for unpivot_columns, from the year each column name starts with: financial years
    (['col_2014_15', '2014-15'] ...) or, with `snapshot`, calendar years (['col_2014', '2014'] ...).

    housing_years_to_rows(relation, year_columns, value_name, value_text, snapshot=false,
    carried_columns=[]): the last CTEs of such a model (`unpivoted`, `final`) and its final select:
    `relation` (authority_code, area_name, the carried columns, the year columns, source_file) is
    unpivoted into `value_text`, then parsed into `value_name` with is_suppressed when the cell
    holds no number. Financial-year columns give period and period_end_year; a snapshot of year
    YYYY (October, autumn) falls in financial year YYYY-(YY+1): snapshot_year keeps the published
    year, period is 'YYYY-(YY+1)' and period_end_year YYYY + 1.
-#}
{% macro housing_year_columns(first_year, last_year, snapshot=false) -%}
    {%- set year_columns = [] -%}
    {%- for year in range(first_year, last_year + 1) -%}
        {%- if snapshot -%}
            {%- do year_columns.append(['col_' ~ year, year | string]) -%}
        {%- else -%}
            {%- set end_digits = '%02d' | format((year + 1) % 100) -%}
            {%- do year_columns.append(['col_' ~ year ~ '_' ~ end_digits, year ~ '-' ~ end_digits]) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(year_columns) }}
{%- endmacro %}

{% macro housing_years_to_rows(relation, year_columns, value_name, value_text, snapshot=false, carried_columns=[]) -%}
unpivoted as (
    {{ unpivot_columns(relation, ['authority_code', 'area_name'] + carried_columns + ['source_file'], year_columns,
                       name_column='snapshot_year_label' if snapshot else 'period', value_column=value_text) }}
),

final as (
    select
        authority_code,
        area_name,
        {%- if snapshot %}
        cast(snapshot_year_label as integer) as snapshot_year,
        {{ financial_year_label('cast(snapshot_year_label as integer) + 1') }} as period,
        cast(snapshot_year_label as integer) + 1 as period_end_year,
        {%- else %}
        period,
        {{ financial_year_end('period') }} as period_end_year,
        {%- endif %}
        {{ parse_number(value_text) }} as {{ value_name }},
        {{ number_or_null_flag(value_text) }} as is_suppressed,
        {%- for column in carried_columns %}
        {{ column }},
        {%- endfor %}
        source_file
    from unpivoted
)

select * from final
{%- endmacro %}
