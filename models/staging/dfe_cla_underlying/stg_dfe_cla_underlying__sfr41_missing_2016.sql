{#-
    SFR41/2016 children missing or away from placement during 2015-16.
    Wide SFR underlying-data file -> one row per area and measure (portable union-all unpivot).
    Inner and Outer London (published with the London code E12000007) get E13000001/E13000002.
    Markers (x, c, z, ':') become null values with is_suppressed = true, never zero.
-#}
with

source as (
    select * from {{ source('dfe_cla_underlying', 'dfe_cla__sfr41_missing_2016') }}
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
        cla_missduringyear as cla_missing_during_year,
        cla_missincs as missing_incidents,
        cla_awayduringyear as cla_away_during_year,
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
        'cla_missing_during_year' as measure,
        cast(cla_missing_during_year as {{ type_varchar() }}) as value_text
    from renamed
    union all
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        source_file,
        'missing_incidents' as measure,
        cast(missing_incidents as {{ type_varchar() }}) as value_text
    from renamed
    union all
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        source_file,
        'cla_away_during_year' as measure,
        cast(cla_away_during_year as {{ type_varchar() }}) as value_text
    from renamed
),

final as (
    select
        authority_code,
        dfe_code,
        authority_name,
        geographic_level,
        '2015-16' as period,
        2016 as period_end_year,
        measure,
        {{ parse_number('value_text') }} as value,  -- noqa: RF04
        {{ is_suppressed('value_text') }} as is_suppressed,
        source_file
    from unpivoted
)

select * from final
