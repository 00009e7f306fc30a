{#-
    DfE LA number list shipped with LAIT: DfE number -> name, region and type (OLB, ILB, MD, UA,
    Shire). The number is stored as a float in the workbook (301.0 lands as '301'). A code list
    has no period. GSS codes are joined in intermediate (int_geography__dfe_authority_codes).
-#}
with

source as (
    select * from {{ source('dfe_lait', 'dfe_lait__la_code_list') }}
),

renamed as (
    select
        {{ dfe_number('la_number') }} as dfe_code,
        trim(la_name) as authority_name,
        trim(region) as region_name,
        trim(type) as la_type,
        _source_file as source_file
    from source
    where {{ cast_or_null('trim(la_number)', 'integer') }} is not null
)

select * from renamed
