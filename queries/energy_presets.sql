-- One row per preset input (east, west): its value and the data row it comes from. Params: none
-- East: a Beijing–Tianjin–Hebei (Zhangjiakou) data center; west: figures from the western hubs
-- (Gansu PUE target, Guizhou supply price, Inner Mongolia green share, Northwest grid), since
-- no single western hub has all four. Prices the article alone gives carry their claim id.
with picks as (
    select 'east' as preset, 'pue' as field, pue_target as value, pue_target_qualifier as qualifier,
        pue_target_source_id as source_id, null as claim_id, 'hubs:' || id as row_ref
    from hubs where id = 'jjj'
    union all
    select 'east', 'price', price_cny_kwh, qualifier, source_id, claim_id, 'electricity_prices:' || id
    from electricity_prices where id = 'east-peak-article'
    union all
    select 'east', 'green', value / 100, qualifier, source_id, claim_id, 'green_power:' || id
    from green_power where id = 'zhangjiakou-green-electricity-2024'
    union all
    select 'east', 'grid', factor_kg_per_kwh, null, source_id, null, 'grid_carbon:' || id
    from grid_carbon where id = 'north-grid-2022'
    union all
    select 'west', 'pue', pue_target, pue_target_qualifier, pue_target_source_id, null, 'hubs:' || id
    from hubs where id = 'gansu'
    union all
    select 'west', 'price', price_cny_kwh, qualifier, source_id, claim_id, 'electricity_prices:' || id
    from electricity_prices where id = 'guizhou-dc-supply-2020'
    union all
    select 'west', 'green', value / 100, qualifier, source_id, claim_id, 'green_power:' || id
    from green_power where id = 'horinger-green-electricity-2025'
    union all
    select 'west', 'grid', factor_kg_per_kwh, null, source_id, null, 'grid_carbon:' || id
    from grid_carbon where id = 'northwest-grid-2022'
)

select * from picks
order by preset, field
