{#-
    The areas indicator values are kept for: the 152 upper-tier authorities of 2017-19
    (int_geography__upper_tier_2018) and England (var `england_code`). Indicator models join it last, so a
    row of any other area (a region, a shire district, an authority created after 2019) is dropped.
-#}
with

upper_tier as (
    select * from {{ ref('int_geography__upper_tier_2018') }}
),

final as (
    select authority_code from upper_tier
    union all
    select '{{ var("england_code") }}' as authority_code
)

select * from final
