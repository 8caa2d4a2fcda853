-- One row per place (8 hubs, 31 provinces) and decision input (price, pue, green, grid, latency): the figure the placement uses, with its kind, level, grade and source. Params: $ab_only, $article
-- PUE: the start-zone target of the hub first (a new data center there must meet it), then a
-- hub-wide average, a cluster or province target, the national average (all hub clusters for a
-- hub), and only then an "achievable" best case.
-- Every input is a cited row; where the place has none, a stated fallback takes its place, and
-- `level` says which (hub: the hub's own figure; province: its province's; region: the regional
-- grid; national). Candidates are ranked by `pref` (the order below), then the newest year,
-- then the better grade, then the fuller date. $ab_only drops grade-C sources; $article admits the article's claims.
-- green: only a data-center green-electricity share lowers the carbon figure (`counts`); a
-- province's renewable share of consumption is already in its grid factor, so it is shown as
-- context and the carbon uses all grid power (counts = false).
with hub_of_province as (
    select unnest(string_split(provinces, ';')) as province_id, id as hub_id, region
    from hubs
),

entities as (
    select 'hub' as entity_kind, id as entity_id, name_en, name_zh, id as hub_id,
        fallback_province_id as province_id, region, grid_region
    from hubs
    union all
    select 'province', p.id, p.name_en, p.name_zh, h.hub_id, p.id, h.region, p.grid_region
    from provinces as p
    left join hub_of_province as h on h.province_id = p.id
    where p.grid_region is not null
),

price as (
    select e.entity_kind, e.entity_id, 'price' as field, ep.price_cny_kwh as value, ep.qualifier, ep.kind,
        case when ep.province_id = e.province_id then 'province' else 'hub' end as level,
        ep.province_id as place_id, ep.place_en, ep.place_zh,
        list_position(['dc_supply_price', 'dc_preferential_price', 'yearly_average_price', 'market_trade_price',
                       'delivered_price', 'catalogue_tariff', 'agency_purchase_price', 'local_grid_price'], ep.kind)
            + case when ep.province_id = e.province_id or e.entity_kind = 'province' then 0 else 10 end as pref,
        ep.as_of, ep.source_id, ep.claim_id, 'electricity_prices:' || ep.id as row_ref, true as counts
    from entities as e
    inner join electricity_prices as ep
        on (e.entity_kind = 'hub' and ep.hub_id = e.hub_id)
        or (e.entity_kind = 'province' and ep.province_id = e.province_id)
    where ep.kind not in ('discount_vs_region', 'peak_price')
),

pue as (
    select e.entity_kind, e.entity_id, 'pue' as field, pf.pue, pf.qualifier, pf.kind,
        case when pf.scope = 'province' then 'province' else 'hub' end,
        pf.province_id, pf.entity_en, pf.entity_zh,
        case when pf.kind in ('average', 'typical') then 2 when pf.kind = 'target' then 3 else 5 end,
        pf.as_of, pf.source_id, pf.claim_id, 'pue_figures:' || pf.id, true
    from entities as e
    inner join pue_figures as pf
        on pf.scope in ('cluster', 'province')
        and pf.kind in ('average', 'typical', 'target', 'achievable')
        and ((e.entity_kind = 'hub' and (pf.hub_id = e.hub_id or pf.province_id = e.province_id))
            or (e.entity_kind = 'province' and pf.scope = 'province' and pf.province_id = e.province_id))
    union all
    -- the hub's start-zone PUE target, for the hub and for each of its provinces
    select e.entity_kind, e.entity_id, 'pue', h.pue_target, h.pue_target_qualifier, 'target', 'hub',
        null, null, null, 1, h.as_of, h.pue_target_source_id, null, 'hubs:' || h.id, true
    from entities as e
    inner join hubs as h on h.id = e.hub_id
    where h.pue_target is not null
    union all
    -- national fallback: all hub clusters for a hub, the national average for a province
    select e.entity_kind, e.entity_id, 'pue', pf.pue, pf.qualifier, pf.kind, 'national',
        null, pf.entity_en, pf.entity_zh, 4, pf.as_of, pf.source_id, pf.claim_id, 'pue_figures:' || pf.id, true
    from entities as e
    inner join pue_figures as pf
        on pf.kind = 'average'
        and pf.scope = case e.entity_kind when 'hub' then 'hub_clusters' else 'national' end
),

green as (
    select e.entity_kind, e.entity_id, 'green' as field, gp.value / 100, gp.qualifier, gp.metric,
        case when gp.scope = 'province' then 'province' else 'hub' end,
        gp.province_id, gp.entity_en, gp.entity_zh,
        case when gp.metric = 'green_electricity_pct' then 1
             when gp.metric = 'renewable_consumption_pct' then 3 else 4 end
            + case when gp.claim_id is not null then 1 else 0 end,
        gp.as_of, gp.source_id, gp.claim_id, 'green_power:' || gp.id, gp.metric = 'green_electricity_pct'
    from entities as e
    inner join green_power as gp
        on (gp.metric = 'green_electricity_pct' and not gp.is_target
            and ((e.entity_kind = 'hub' and gp.hub_id = e.hub_id and gp.scope in ('cluster', 'province', 'center'))
                or (e.entity_kind = 'province' and gp.scope = 'province' and gp.province_id = e.province_id)))
        or (gp.metric in ('renewable_consumption_pct', 'renewable_consumption_weight_pct')
            and gp.scope = 'province' and gp.province_id = e.province_id)
    union all
    -- national fallback, as context: the country's renewable share of consumption
    select e.entity_kind, e.entity_id, 'green', gp.value / 100, gp.qualifier, gp.metric, 'national',
        null, gp.entity_en, gp.entity_zh, 5, gp.as_of, gp.source_id, gp.claim_id, 'green_power:' || gp.id, false
    from entities as e
    inner join green_power as gp
        on gp.metric = 'renewable_consumption_pct' and gp.scope = 'national' and not gp.is_target
),

grid as (
    select e.entity_kind, e.entity_id, 'grid' as field, gc.factor_kg_per_kwh, null, gc.kind,
        gc.scope, gc.scope_id, gc.name_en, gc.name_zh,
        case gc.scope when 'provincial' then 1 when 'regional' then 2 else 3 end,
        cast(gc.year as varchar), gc.source_id, null, 'grid_carbon:' || gc.id, true
    from entities as e
    inner join grid_carbon as gc
        on gc.kind = 'average'
        and ((gc.scope = 'provincial' and gc.scope_id = e.province_id)
            or (gc.scope = 'regional' and gc.scope_id = e.grid_region)
            or gc.scope = 'national')
),

latency as (
    select e.entity_kind, e.entity_id, 'latency' as field, l.ms, l.qualifier, 'reported', 'hub',
        null, l.from_en, l.scope_zh, 1, l.as_of, l.source_id, null, 'latency:' || l.id, true
    from entities as e
    inner join latency as l
        on l.from_hub_id = e.hub_id and l.to_hub_ids is not null and not l.is_target
    union all
    -- national ceilings: an eastern hub serves its own region (cluster to nearby cities); a
    -- western one reaches the east hub to hub
    select e.entity_kind, e.entity_id, 'latency', l.ms, l.qualifier, 'national_ceiling', 'national',
        null, l.from_en, l.scope_zh, 3, l.as_of, l.source_id, null, 'latency:' || l.id, true
    from entities as e
    inner join latency as l
        on l.id like case e.region when 'east' then 'cluster-to-nearby%' else 'hub-to-hub%' end
    where e.hub_id is not null
),

candidates as (
    select * from price
    union all select * from pue
    union all select * from green
    union all select * from grid
    union all select * from latency
),

graded as (
    select c.*, s.quality as grade, cl.check as claim_check
    from candidates as c
    inner join sources as s on s.id = c.source_id
    left join claims as cl on cl.id = c.claim_id
    where (c.claim_id is null or $article)
        and (s.quality <> 'C' or not $ab_only)
),

ranked as (
    select *, row_number() over (
        partition by entity_kind, entity_id, field
        order by pref, left(as_of, 4) desc nulls last, grade, as_of desc, row_ref
    ) as rank
    from graded
)

select
    r.entity_kind, r.entity_id, e.name_en, e.name_zh, e.hub_id, e.province_id, e.region, r.field, r.value, r.qualifier, r.kind,
    r.level, r.place_id, r.place_en, r.place_zh, r.as_of, r.source_id, r.grade, r.claim_id, r.claim_check,
    r.row_ref, r.counts
from ranked as r
inner join entities as e on e.entity_kind = r.entity_kind and e.entity_id = r.entity_id
where r.rank = 1
order by r.entity_kind, r.entity_id, r.field
