{#-
    Which council lenses rest on substitutes: per edition, ranked council and lens, how many of the
    indicators with a value are substitutes (catalogue `substitutes_for`: used only where the public
    files hold no value of the catalogue indicator for the edition's period). A lens with any is
    partial (`is_partial_lens`), shown in the marts and the report.
-#}
with

lens_outcomes as (
    select * from {{ ref('int_index__lens_outcomes') }}
),

edition_values as (
    select * from {{ ref('int_indicator_values__edition_geography') }}
),

catalogue as (
    select * from {{ ref('int_indicators__catalogue') }}
),

substitute_counts as (
    select
        edition_values.edition,
        edition_values.authority_code,
        edition_values.lens_id,
        count(*) as substitutes_used
    from edition_values
    inner join catalogue on edition_values.indicator_id = catalogue.indicator_id
    where catalogue.substitutes_for is not null and edition_values.value is not null
    group by edition_values.edition, edition_values.authority_code, edition_values.lens_id
),

final as (
    select
        lens_outcomes.edition,
        lens_outcomes.authority_code,
        lens_outcomes.lens_id,
        cast(coalesce(substitute_counts.substitutes_used, 0) as integer) as substitutes_used,
        coalesce(substitute_counts.substitutes_used, 0) > 0 as is_partial_lens
    from lens_outcomes
    left join substitute_counts
        on
            lens_outcomes.edition = substitute_counts.edition
            and lens_outcomes.authority_code = substitute_counts.authority_code
            and lens_outcomes.lens_id = substitute_counts.lens_id
)

select * from final
