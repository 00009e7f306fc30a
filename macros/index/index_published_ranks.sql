{#-
    The index's published ranks in long form, one row per edition, council and lens, with
    lens_id 'overall' for the overall rank: `lens_productivity` gives lens_rank per lens,
    `overall` gives overall_rank. Both are relations or CTE names. The rank is rank_value and is
    null where the council has no rank. Used by the marts and tests that compare other ranks
    (previous edition, neighbours, simulation runs) with the published ones.
-#}
{% macro index_published_ranks(lens_productivity, overall) -%}
    select
        edition,
        authority_code,
        lens_id,
        lens_rank as rank_value
    from {{ lens_productivity }}
    union all
    select
        edition,
        authority_code,
        'overall' as lens_id,
        overall_rank as rank_value
    from {{ overall }}
{%- endmacro %}
