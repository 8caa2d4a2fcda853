-- One row per grid CO2 factor (every scope, year and kind), with its source's publisher and grade, for a calculator's choice of factor. Params: none
-- National first, then the regional grids, then the provinces, each by name and newest year
-- first, the average factor before the other kinds.
select
    gc.id,
    gc.scope,
    gc.scope_id,
    gc.name_en,
    gc.name_zh,
    gc.kind,
    gc.year,
    gc.factor_kg_per_kwh,
    gc.published,
    gc.source_id,
    s.publisher,
    s.quality
from grid_carbon as gc
left join sources as s on s.id = gc.source_id
order by
    case gc.scope when 'national' then 1 when 'regional' then 2 else 3 end,
    gc.name_en,
    gc.year desc,
    case gc.kind when 'average' then 1 when 'excl_market_nonfossil' then 2 else 3 end
