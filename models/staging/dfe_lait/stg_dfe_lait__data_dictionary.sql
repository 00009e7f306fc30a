{#-
    LAIT data dictionary: one row per measure short code (the `Short Desc` of the big data
    sheet). Fourteen measures are listed twice with identical metadata; the first record in file
    order is kept. Polarity 'High' / 'Low' becomes higher_is_better / lower_is_better; '-' and
    'NA' (no preferred direction) become null. Free-text fields keep their line breaks.
-#}
with

source as (
    select * from {{ source('dfe_lait', 'dfe_lait__data_dictionary') }}
),

renamed as (
    select
        trim(measure_short) as measure_short,
        trim(measure_code) as measure_code,
        trim(topic) as topic,
        trim(measure) as measure_name,
        case lower(trim(polarity))
            when 'high' then 'higher_is_better'
            when 'low' then 'lower_is_better'
        end as polarity,
        trim(description) as description,
        trim(year_type) as year_type,
        _row_number as source_row_number,
        _source_file as source_file,
        row_number() over (partition by trim(measure_short) order by _row_number) as record_order
    from source
    where measure_short is not null and trim(measure_short) <> ''
),

final as (
    select
        measure_short,
        measure_code,
        topic,
        measure_name,
        polarity,
        description,
        year_type,
        source_row_number,
        source_file
    from renamed
    where record_order = 1
)

select * from final
