{#-
    Carers who find it easy to find information about support (catalogue
    `dis_carers_easy_to_find_information`): ASCOF 3D(2), disaggregation 'Total', from the biennial
    Survey of Adult Carers in England. It stands in for 'carers neglecting themselves', which is
    not published per council.
    Numerator:   carers who found information about support very or fairly easy to find.
    Denominator: carers who tried to find information.
    Value:       ASCOF's published share (percent); numerator and denominator as published, null
                 where the source gives values only.
    Source:      int_indicator_inputs__ascof (NHS Digital open data, else the processed extract);
                 for an authority and year with no ASCOF value, Oflog ASC4 (the same measure,
                 values only: it fills 2016-17). 2018 upper tier and England; a suppressed or
                 missing value gives no row.
    Period:      the ASCOF financial year ('2016-17', period_end_year 2017), up to 2018-19.
-#}
{{ config(materialized='view') }}
with

ascof as (
    select * from {{ ref('int_indicator_inputs__ascof') }}
),

final as (
    select
        'all_age_disability' as lens_id,
        'dis_carers_easy_to_find_information' as indicator_id,
        authority_code,
        period,
        period_end_year,
        cast(value as {{ type_double() }}) as value,  -- noqa: RF04
        cast(numerator as {{ type_double() }}) as numerator,
        cast(denominator as {{ type_double() }}) as denominator,
        source_dataset_id,
        false as is_apportioned
    from ascof
    where measure_code = '3D(2)' and disaggregation = 'Total'
)

select * from final
