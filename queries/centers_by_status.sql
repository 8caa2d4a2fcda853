-- One row per center status: how many listed centers have it, their newest as-of date and sources. Params: none
with counted as (
    select
        status,
        count(*) as centers,
        max(as_of) as as_of
    from centers
    group by status
),

all_sources as (
    select
        list(distinct source_id order by source_id) as source_ids
    from centers
)

select
    counted.status,
    counted.centers,
    counted.as_of,
    all_sources.source_ids
from counted
cross join all_sources
order by counted.centers desc
