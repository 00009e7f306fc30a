{#-
    What the loader landed, per registry dataset: files and raw rows loaded, and whether any file
    of the dataset was found. Files listed as not read, or not in the registry, belong to no raw
    table and are left out.
-#}
with

load_log as (
    select * from {{ ref('stg_loader__load_log') }}
),

final as (
    select
        source_dataset_id,
        cast(sum(case when is_loaded then 1 else 0 end) as bigint) as files_loaded,
        cast(sum(rows_loaded) as bigint) as raw_rows_loaded,
        case when max(case when is_loaded then 1 else 0 end) = 1 then 'loaded' else 'missing' end as load_status
    from load_log
    where raw_table is not null
    group by source_dataset_id
)

select * from final
