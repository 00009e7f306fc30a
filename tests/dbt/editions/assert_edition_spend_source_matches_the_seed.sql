{#-
    The spend source the editions seed declares (`spend_source`) is what the build used for the
    service totals of most councils: per edition, the most frequent spend_source of the children's
    social care lens in fct_lens_productivity must equal the seed's. Fails, naming the edition, when
    a budget file or an outturn the seed counts on is missing or released after the edition.
-#}
with

editions as (
    select * from {{ ref('editions') }}
),

sources as (
    select
        edition,
        spend_source,
        count(*) as councils,
        row_number() over (partition by edition order by count(*) desc, spend_source) as frequency_rank
    from {{ ref('fct_lens_productivity') }}
    where lens_id = 'childrens_social_care' and spend_source is not null
    group by edition, spend_source
)

select
    editions.edition,
    editions.spend_source as declared_spend_source,
    sources.spend_source as built_spend_source,
    sources.councils
from editions
inner join sources
    on
        editions.edition = sources.edition
        and sources.frequency_rank = 1
where sources.spend_source <> editions.spend_source
