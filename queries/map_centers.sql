-- One row per center that passes the map filters, with its headline capacity. Params: $statuses, $hubs, $clusters, $provinces, $precisions, $min_pflops
-- An empty list means "no filter". The headline capacity (center_headline) is the latest
-- operating figure, else the latest planned one (capacity_kind says which); a center without
-- one has none and passes only when $min_pflops is 0.
with described as (
    select
        centers.id,
        centers.name_zh,
        centers.name_en,
        centers.city_zh,
        centers.city_en,
        centers.province_id,
        provinces.name_zh as province_zh,
        provinces.name_en as province_en,
        centers.lat,
        centers.lon,
        centers.coord_precision,
        centers.status,
        centers.hub_id,
        hubs.name_zh as hub_zh,
        hubs.name_en as hub_en,
        centers.cluster_id,
        headline.pflops,
        headline.qualifier,
        headline.precision,
        headline.capacity_kind,
        headline.capacity_as_of,
        coalesce(headline.capacity_source_id, centers.source_id) as source_id,
        sources.quality as grade,
        centers.as_of
    from centers
    left join center_headline(p_year := null) as headline
        on headline.center_id = centers.id
    left join provinces
        on provinces.id = centers.province_id
    left join hubs
        on hubs.id = centers.hub_id
    left join sources
        on sources.id = coalesce(headline.capacity_source_id, centers.source_id)
),

filtered as (
    select *
    from described
    where (len($statuses::varchar[]) = 0 or list_contains($statuses::varchar[], status))
        and (len($hubs::varchar[]) = 0 or list_contains($hubs::varchar[], hub_id))
        and (len($clusters::varchar[]) = 0 or list_contains($clusters::varchar[], cluster_id))
        and (len($provinces::varchar[]) = 0 or list_contains($provinces::varchar[], province_id))
        and (len($precisions::varchar[]) = 0 or list_contains($precisions::varchar[], precision))
        and ($min_pflops = 0 or pflops >= $min_pflops)
)

select * from filtered
order by pflops desc nulls last, id
