{#-
    Generic test ranks_are_contiguous(model, column_name, partition_by): within each partition
    (a list of columns) the non-null ranks are competition ranks (`rank()`): they start at 1 and,
    after k tied rows at rank r, the next rank is r + k. So 1, 2, 2, 4 passes; 1, 3 or 2, 3 fail.
-#}
{% test ranks_are_contiguous(model, column_name, partition_by) %}
    {%- set partition = partition_by | join(', ') %}
    with

    counted as (
        select
            {{ partition }},
            {{ column_name }} as rank_value,
            count(*) as tied_rows
        from {{ model }}
        where {{ column_name }} is not null
        group by {{ partition }}, {{ column_name }}
    ),

    sequenced as (
        select
            *,
            row_number() over (partition by {{ partition }} order by rank_value) as position_in_partition,
            lead(rank_value) over (partition by {{ partition }} order by rank_value) as next_rank_value
        from counted
    )

    select *
    from sequenced
    where
        (position_in_partition = 1 and rank_value <> 1)
        or (next_rank_value is not null and next_rank_value <> rank_value + tied_rows)
{% endtest %}
