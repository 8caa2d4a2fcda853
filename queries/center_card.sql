-- One row for the center $center_id with its hub and cluster context (none if unknown). Params: $center_id
select
    centers.*,
    provinces.name_zh as province_zh,
    provinces.name_en as province_en,
    hubs.name_zh as hub_zh,
    hubs.name_en as hub_en,
    hubs.region as hub_region,
    hubs.pue_target as hub_pue_target,
    hubs.pue_target_qualifier as hub_pue_target_qualifier,
    clusters.name_zh as cluster_zh,
    clusters.name_en as cluster_en
from centers
left join provinces
    on provinces.id = centers.province_id
left join hubs
    on hubs.id = centers.hub_id
left join clusters
    on clusters.id = centers.cluster_id
where centers.id = $center_id
