with

source as (
    select * from {{ source('la_lookup', 'mysociety_la_names_codes__name_lookup') }}
),

renamed as (
    select distinct
        la_name,
        {{ name_key('la_name') }} as name_key,
        local_authority_code,
        _source_file as source_file
    from source
    where la_name is not null
)

select * from renamed
