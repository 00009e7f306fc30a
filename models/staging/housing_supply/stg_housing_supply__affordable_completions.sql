{#- Live Table 1008C (total additional affordable dwellings, completions): one column per financial
    year -> rows (2014-15 to 2018-19). No county rows. The England row has 'England' in the first
    column and no code: it is given E92000001. '-' (nil or less than half the final digit) and '..'
    (not applicable) become null. -#}
{%- set year_columns = [
    ['col_2014_15', '2014-15'],
    ['col_2015_16', '2015-16'],
    ['col_2016_17', '2016-17'],
    ['col_2017_18', '2017-18'],
    ['col_2018_19', '2018-19'],
] -%}

with

source as (
    select * from {{ source('housing_supply', 'dluhc_affordable_housing_supply__lt1008c') }}
),

coded as (
    select
        case
            when lower(trim(col_1)) = 'england' then 'E92000001'
            else {{ normalise_authority_code('current_ons_code') }}
        end as authority_code,
        case
            when lower(trim(col_1)) = 'england' then 'England'
            else trim(lower_and_single_tier_authority_data)
        end as area_name,
        col_2014_15,
        col_2015_16,
        col_2016_17,
        col_2017_18,
        col_2018_19,
        _source_file as source_file
    from source
),

filtered as (
    select * from coded
    where {{ is_la_or_england_code('authority_code') }}
),

unpivoted as (
    {{ unpivot_columns('filtered', ['authority_code', 'area_name', 'source_file'], year_columns,
                       name_column='period', value_column='completions_text') }}
),

final as (
    select
        authority_code,
        area_name,
        period,
        {{ financial_year_end('period') }} as period_end_year,
        {{ parse_number('completions_text') }} as affordable_completions,
        {{ number_or_null_flag('completions_text') }} as is_suppressed,
        source_file
    from unpivoted
)

select * from final
