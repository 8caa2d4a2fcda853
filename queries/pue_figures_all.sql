-- One row per PUE figure (national, group, province, cluster, center), with its kind and any article claim. Params: none
select
    id,
    entity_en,
    entity_zh,
    scope,
    hub_id,
    kind,
    pue,
    qualifier,
    as_of,
    as_of_kind,
    source_id,
    claim_id
from pue_figures
order by scope, pue
