-- One row per 2022 grid CO2 factor (national average, regional grids, provinces), highest first. Params: none
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
    and year = 2022
order by factor_kg_per_kwh desc
