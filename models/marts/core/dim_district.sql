with

districts as (
    select * from {{ ref('int_geography__district_to_county') }}
),

final as (
    select
        district_code,
        district_name,
        county_code,
        county_name
    from districts
)

select * from final
