-- One row per reported compute or rack figure of a hub or its clusters, over time (targets excluded). Params: none
-- A series is hub + scope + metric: total and intelligent compute are never one line.
select
    hub_metrics.hub_id,
    hubs.name_zh,
    hubs.name_en,
    hubs.region,
    hub_metrics.cluster_id,
    hub_metrics.scope_en,
    hub_metrics.scope_zh,
    case when hub_metrics.metric = 'racks' then 'racks' else 'compute' end as measure,
    hub_metrics.metric,
    hub_metrics.value,
    hub_metrics.qualifier,
    hub_metrics.unit,
    hub_metrics.precision,
    hub_metrics.basis_en,
    hub_metrics.conflicts_with,
    hub_metrics.as_of,
    hub_metrics.source_id
from hub_metrics
inner join hubs
    on hubs.id = hub_metrics.hub_id
where hub_metrics.metric in ('compute_pflops', 'intelligent_pflops', 'racks')
    and not hub_metrics.is_target
    and hub_metrics.as_of is not null
order by hub_metrics.hub_id, hub_metrics.as_of
