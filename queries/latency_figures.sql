-- One row per latency figure (national ceilings, reported links, targets), newest first. Params: none
select
    id,
    ms,
    qualifier,
    is_target,
    scope_en,
    scope_zh,
    as_of,
    source_id
from latency
order by is_target, ms desc, id
