{#-
    DfE LA number list shipped with LAIT: DfE number -> name, region and type (OLB, ILB, MD, UA,
    Shire). The number is stored as a float in the workbook (301.0 lands as '301'). The GSS code
    comes from int_geography__dfe_authority_codes (2017-19 code preferred). A code list has no
    period.
-#}
with

source as (
    select * from {{ source('dfe_lait', 'dfe_lait__la_code_list') }}
),

codes as (
    select
        dfe_code,
        coalesce(
            max(case when is_upper_tier_2018 then authority_code end),
            max(authority_code)
        ) as authority_code
    from {{ ref('int_geography__dfe_authority_codes') }}
    group by dfe_code
),

renamed as (
    select
        {{ dfe_number('la_number') }} as dfe_code,
        trim(la_name) as authority_name,
        trim(region) as region_name,
        trim(type) as la_type,
        _source_file as source_file
    from source
    where {{ safe_cast('trim(la_number)', 'integer') }} is not null
),

final as (
    select
        codes.authority_code,
        renamed.dfe_code,
        renamed.authority_name,
        renamed.region_name,
        renamed.la_type,
        renamed.source_file
    from renamed
    left join codes on renamed.dfe_code = codes.dfe_code
)

select * from final
