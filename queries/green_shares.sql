-- One row per green (or clean) electricity share figure, in percent; targets and capacities excluded. Params: none
select
    id,
    entity_en,
    entity_zh,
    metric,
    value,
    qualifier,
    as_of,
    source_id,
    claim_id
from green_power
where unit = '%'
    and not is_target
order by value desc
