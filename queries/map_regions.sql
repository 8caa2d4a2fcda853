-- One row per hub, cluster and province: id, kind, names, position and label position. Params: none
-- A hub's label sits at the mean of its provinces' label points (the hub's lat/lon is the
-- seat of its main cluster, which crowds the east).
with hub_provinces as (
    select
        hubs.id as hub_id,
        unnest(string_split(hubs.provinces, ';')) as province_id
    from hubs
),

hub_labels as (
    select
        hub_provinces.hub_id,
        avg(provinces.lat) as label_lat,
        avg(provinces.lon) as label_lon
    from hub_provinces
    inner join provinces
        on provinces.id = hub_provinces.province_id
    group by hub_provinces.hub_id
),

regions as (
    select
        'hub' as kind, hubs.id, hubs.name_zh, hubs.name_en, hubs.id as hub_id, hubs.region,
        hubs.lat, hubs.lon, hub_labels.label_lat, hub_labels.label_lon, hubs.provinces
    from hubs
    left join hub_labels
        on hub_labels.hub_id = hubs.id
    union all
    select
        'cluster', clusters.id, clusters.name_zh, clusters.name_en, clusters.hub_id, hubs.region,
        clusters.lat, clusters.lon, clusters.lat, clusters.lon, null
    from clusters
    inner join hubs
        on hubs.id = clusters.hub_id
    union all
    select
        'province', id, name_zh, name_en, null, null, lat, lon, lat, lon, null
    from provinces
)

select * from regions
order by kind, id
