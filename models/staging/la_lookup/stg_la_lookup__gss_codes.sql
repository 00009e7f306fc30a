with

source as (
    select * from {{ source('la_lookup', 'mysociety_la_names_codes__gss_lookup') }}
),

renamed as (
    select distinct
        upper(trim(gss_code)) as gss_code,
        local_authority_code,
        _source_file as source_file
    from source
    where gss_code is not null
)

select * from renamed
