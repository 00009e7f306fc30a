with

source as (
    select * from {{ source('loader', 'release_timetables') }}
),

renamed as (
    select
        dataset as source_dataset_id,
        cast(lag_months as integer) as release_lag_months,
        usual as usual_release
    from source
)

select * from renamed
