-- One row per national hub: region, clusters, PUE target, listed centers, latest compute figure. Params: none
-- The compute figure is the most recent non-target PFLOPS figure reported for the hub or one
-- of its clusters (total or intelligent compute, whichever is newer; larger wins on a tie).
with cluster_names as (
    select
        hub_id,
        string_agg(name_zh, '、' order by id) as clusters_zh,
        string_agg(name_en, ', ' order by id) as clusters_en
    from clusters
    group by hub_id
),

center_counts as (
    select
        hub_id,
        count(*) as centers
    from centers
    where hub_id is not null
    group by hub_id
),

compute_figures as (
    select
        hub_metrics.*,
        row_number() over (
            partition by hub_id
            order by as_of desc nulls last, value desc
        ) as rank
    from hub_metrics
    where metric in ('compute_pflops', 'intelligent_pflops')
        and not is_target
),

hub_rows as (
    select
        hubs.id,
        hubs.name_zh,
        hubs.name_en,
        hubs.region,
        cluster_names.clusters_zh,
        cluster_names.clusters_en,
        coalesce(hubs.pue_target_qualifier, '') || cast(hubs.pue_target as varchar) as pue_target,
        hubs.pue_target_source_id,
        coalesce(center_counts.centers, 0) as centers,
        compute_figures.metric as figure_metric,
        compute_figures.value as figure_pflops,
        compute_figures.qualifier as figure_qualifier,
        compute_figures.scope_en as figure_scope_en,
        compute_figures.scope_zh as figure_scope_zh,
        compute_figures.cluster_id as figure_cluster_id,
        compute_figures.as_of as figure_as_of,
        compute_figures.source_id as figure_source_id
    from hubs
    left join cluster_names
        on cluster_names.hub_id = hubs.id
    left join center_counts
        on center_counts.hub_id = hubs.id
    left join compute_figures
        on compute_figures.hub_id = hubs.id
        and compute_figures.rank = 1
)

select * from hub_rows
order by region, id
