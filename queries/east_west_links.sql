-- One row per reported latency link from a western cluster or hub to an eastern hub. Params: none
-- Only links a source reports (latency.csv rows naming both ends); targets are flagged.
with links as (
    select
        latency.id as link_id,
        coalesce(latency.from_cluster_id, latency.from_hub_id) as from_id,
        coalesce(clusters.name_zh, from_hub.name_zh) as from_zh,
        coalesce(clusters.name_en, from_hub.name_en) as from_en,
        coalesce(clusters.lat, from_hub.lat) as from_lat,
        coalesce(clusters.lon, from_hub.lon) as from_lon,
        unnest(string_split(latency.to_hub_ids, ';')) as to_hub_id,
        latency.ms,
        latency.qualifier,
        latency.is_target,
        latency.as_of,
        latency.source_id
    from latency
    inner join hubs as from_hub
        on from_hub.id = latency.from_hub_id
    left join clusters
        on clusters.id = latency.from_cluster_id
    where from_hub.region = 'west'
        and latency.to_hub_ids is not null
),

east_ends as (
    select
        links.*,
        to_hub.name_zh as to_zh,
        to_hub.name_en as to_en,
        to_hub.lat as to_lat,
        to_hub.lon as to_lon
    from links
    inner join hubs as to_hub
        on to_hub.id = links.to_hub_id
    where to_hub.region = 'east'
)

select * from east_ends
order by link_id, to_hub_id
