-- One row per center with a capacity figure: its headline capacity as of $year (null: every figure in the data), the latest operating figure, else the latest planned one (capacity_kind says which). Params: $year
with ranked as (
    select
        center_id,
        pflops,
        qualifier,
        precision,
        kind as capacity_kind,
        as_of as capacity_as_of,
        source_id as capacity_source_id,
        row_number() over (
            partition by center_id
            order by case kind when 'operating' then 0 else 1 end
        ) as rank
    from center_capacity_as_of(p_year := $year)
)

select * exclude (rank)
from ranked
where rank = 1
