with

source as (
    select * from {{ source('oflog_asc', 'oflog_asc__nearest_neighbours') }}
),

renamed as (
    select
        {{ normalise_authority_code('code') }} as authority_code,
        cast(neighbour_position as integer) as neighbour_position,
        {{ normalise_authority_code('neighbour_code') }} as neighbour_code,
        _source_file as source_file
    from source
    where code is not null and neighbour_code is not null
),

final as (
    select
        authority_code,
        neighbour_position,
        neighbour_code,
        neighbour_code = authority_code as is_self,
        source_file
    from renamed
)

select * from final
