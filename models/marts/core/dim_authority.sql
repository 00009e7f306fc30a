{#-
    Published from int_geography__authorities (models/intermediate/geography), where it is built: marts only publish,
    with the enforced contract and the tests in _core__models.yml.
-#}
with

authorities as (
    select * from {{ ref('int_geography__authorities') }}
),

final as (
    select
        authority_code,
        ecode,
        dfe_code,
        authority_name,
        official_name,
        authority_type,
        region_code,
        region_name,
        is_ranked,
        unranked_reason
    from authorities
)

select * from final
