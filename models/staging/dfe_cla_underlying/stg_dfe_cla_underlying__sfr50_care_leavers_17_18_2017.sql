{#-
    SFR50/2017 care leavers aged 17 and 18 ('17&18' columns), 2016-17.
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
with

source as (
    select * from {{ source('dfe_cla_underlying', 'dfe_cla__sfr50_care_leavers_17_18_2017') }}
),

renamed as (
    select
        case upper(trim(geog_n))
            when 'INNER LONDON' then 'E13000001'
            when 'OUTER LONDON' then 'E13000002'
            else {{ normalise_authority_code('new_geog_code') }}
        end as authority_code,
        case when upper(trim(geog_l)) in ('NATIONAL', 'REGION') then null else trim(geog_c) end as dfe_code,
        trim(geog_n) as authority_name,
        case
            when upper(trim(geog_l)) = 'NATIONAL' then 'national'
            when upper(trim(geog_l)) = 'REGION' then 'regional'
            else 'local authority'
        end as geographic_level,
        cl_all_17_and_18 as care_leavers_17_18_total,
        cl_act_he17_and_18 as care_leavers_17_18_higher_education,
        cl_act_oe17_and_18 as care_leavers_17_18_other_education,
        cl_act_te17_and_18 as care_leavers_17_18_training_employment,
        cl_acc_suit17_and_18 as care_leavers_17_18_suitable_accommodation,
        _source_file as source_file
    from source
    where new_geog_code is not null and trim(new_geog_code) <> ''
),

unpivoted as (
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        source_file,
        'care_leavers_17_18_total' as measure,
        cast(care_leavers_17_18_total as {{ type_varchar() }}) as value_text
    from renamed
    union all
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        source_file,
        'care_leavers_17_18_higher_education' as measure,
        cast(care_leavers_17_18_higher_education as {{ type_varchar() }}) as value_text
    from renamed
    union all
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        source_file,
        'care_leavers_17_18_other_education' as measure,
        cast(care_leavers_17_18_other_education as {{ type_varchar() }}) as value_text
    from renamed
    union all
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        source_file,
        'care_leavers_17_18_training_employment' as measure,
        cast(care_leavers_17_18_training_employment as {{ type_varchar() }}) as value_text
    from renamed
    union all
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        source_file,
        'care_leavers_17_18_suitable_accommodation' as measure,
        cast(care_leavers_17_18_suitable_accommodation as {{ type_varchar() }}) as value_text
    from renamed
),

final as (
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        '2016-17' as period,
        2017 as period_end_year,
        measure,
        {{ parse_number('value_text') }} as value,  -- noqa: RF04
        {{ is_suppressed('value_text') }} as is_suppressed,
        source_file
    from unpivoted
)

select * from final
