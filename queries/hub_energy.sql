-- One row per national hub: region, PUE target and figure, green share, electricity price, grid factor, latency east. Params: none
-- Each figure is the hub's latest one from an outside source; a price or green share that only
-- the article gives is kept with its claim id (the page shows its check badge).
with pue as (
    select hub_id, pue, qualifier, kind, as_of, source_id,
        row_number() over (partition by hub_id order by as_of desc) as rank
    from pue_figures
    -- hub-wide figures only: one center's design value does not describe a hub
    where hub_id is not null and claim_id is null and scope in ('cluster', 'province')
        and kind in ('typical', 'average', 'achievable')
),

green as (
    select hub_id, value, qualifier, as_of, source_id, claim_id,
        row_number() over (partition by hub_id order by claim_id nulls first, as_of desc) as rank
    from green_power
    where metric = 'green_electricity_pct' and not is_target and hub_id is not null
),

price as (
    select hub_id, price_cny_kwh, qualifier, kind, as_of, source_id, claim_id,
        row_number() over (partition by hub_id order by claim_id nulls first, as_of desc) as rank
    from electricity_prices
    where hub_id is not null and kind in ('dc_supply_price', 'yearly_average_price', 'local_grid_price')
),

grid as (
    select scope_id, factor_kg_per_kwh, year, source_id
    from grid_carbon
    where scope = 'regional' and kind = 'average' and year = 2022
),

latency_east as (
    select from_hub_id as hub_id, ms, qualifier, as_of, source_id,
        row_number() over (partition by from_hub_id order by is_target, as_of desc) as rank
    from latency
    where from_hub_id is not null and to_hub_ids is not null and not is_target
),

network as (
    select
        max(case when id like 'hub-to-hub%' then ms end) as hub_to_hub_ms,
        max(case when id like 'cluster-to-nearby%' then ms end) as cluster_to_city_ms,
        max(case when id like 'hub-to-hub%' then source_id end) as network_source_id
    from latency
),

hub_rows as (
    select
        hubs.id,
        hubs.name_zh,
        hubs.name_en,
        hubs.region,
        hubs.grid_region,
        hubs.pue_target,
        hubs.pue_target_qualifier,
        hubs.pue_target_source_id,
        pue.pue,
        pue.qualifier as pue_qualifier,
        pue.kind as pue_kind,
        pue.as_of as pue_as_of,
        pue.source_id as pue_source_id,
        green.value / 100 as green,
        green.qualifier as green_qualifier,
        green.as_of as green_as_of,
        green.source_id as green_source_id,
        green.claim_id as green_claim_id,
        price.price_cny_kwh as price,
        price.qualifier as price_qualifier,
        price.as_of as price_as_of,
        price.source_id as price_source_id,
        price.claim_id as price_claim_id,
        grid.factor_kg_per_kwh as grid,
        grid.year as grid_year,
        grid.source_id as grid_source_id,
        -- Latency to the eastern demand: a reported hub figure, else the national
        -- ceilings (east: cluster to nearby cities; west: hub to hub).
        coalesce(latency_east.ms, case hubs.region when 'east' then network.cluster_to_city_ms
                                                  else network.hub_to_hub_ms end) as latency_ms,
        coalesce(latency_east.qualifier, '≤') as latency_qualifier,
        coalesce(latency_east.source_id, network.network_source_id) as latency_source_id
    from hubs
    cross join network
    left join pue on pue.hub_id = hubs.id and pue.rank = 1
    left join green on green.hub_id = hubs.id and green.rank = 1
    left join price on price.hub_id = hubs.id and price.rank = 1
    left join grid on grid.scope_id = hubs.grid_region
    left join latency_east on latency_east.hub_id = hubs.id and latency_east.rank = 1
)

select * from hub_rows
order by region, id
