-- One row per grid's newest CO2 factor (national average, regional grids, provinces), highest first. Params: none
select
    id,
    scope,
    scope_id,
    name_en,
    name_zh,
    factor_kg_per_kwh,
    year,
    source_id,
    hub_ids
from grid_carbon
where kind = 'average'
-- each grid's newest factor (2023 where published, else 2022)
qualify row_number() over (partition by scope, scope_id order by year desc) = 1
order by factor_kg_per_kwh desc
