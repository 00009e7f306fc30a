{#-
    The upper tier of 2017-19: English counties, unitaries, metropolitan districts, London
    boroughs and the City of London in existence from 1 April 2017 to 31 March 2019.
-#}
with

authorities as (
    select * from {{ ref('stg_la_lookup__authorities') }}
),

final as (
    select
        authority_code,
        authority_name,
        official_name,
        local_authority_code,
        local_authority_type,
        ecode,
        case local_authority_type
            when 'CTY' then 'county'
            when 'UA' then 'unitary'
            when 'MD' then 'metropolitan district'
            else 'london borough'
        end as authority_type
    from authorities
    where
        nation = 'England'
        and local_authority_type in ('CTY', 'UA', 'MD', 'LBO', 'CC')
        and (start_date is null or start_date <= cast('2017-04-01' as date))
        and (end_date is null or end_date >= cast('2019-03-31' as date))
)

select * from final
