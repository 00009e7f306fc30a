with

source as (
    select * from {{ source('la_lookup', 'mysociety_la_names_codes__authorities') }}
),

renamed as (
    select
        local_authority_code,
        official_name,
        nice_name as authority_name,
        {{ normalise_authority_code('gss_code') }} as authority_code,
        cast(nullif(trim(start_date), '') as date) as start_date,
        cast(nullif(trim(end_date), '') as date) as end_date,
        nation,
        nullif(trim(region), '') as region_name_published,
        local_authority_type,
        nullif(trim(county_la), '') as county_local_authority_code,
        nullif(trim(ecode), '') as ecode,
        _source_file as source_file
    from source
)

select * from renamed
