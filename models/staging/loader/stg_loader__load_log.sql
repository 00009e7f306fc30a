with

source as (
    select * from {{ source('loader', 'load_log') }}
),

renamed as (
    select
        dataset as source_dataset_id,
        raw_table,
        file as source_file,
        coalesce(cast(rows as bigint), 0) as rows_loaded,
        cast(seconds as {{ type_double() }}) as load_seconds,
        status as load_status,
        status like 'loaded%' as is_loaded,
        message as load_message,
        coalesce(is_reused, false) as is_reused
    from source
)

select * from renamed
