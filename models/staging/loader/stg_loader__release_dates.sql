with

source as (
    select * from {{ source('loader', 'release_dates') }}
),

renamed as (
    select
        dataset as source_dataset_id,
        period,
        cast(released_on as date) as released_on,
        source as release_source
    from source
)

select * from renamed
