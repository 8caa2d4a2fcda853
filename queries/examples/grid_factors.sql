-- Grid CO2 factors of the regional grids, with the hubs in each (2022)
select
    name_en as grid,
    factor_kg_per_kwh,
    hub_ids
from grid_carbon
where scope = 'regional'
order by factor_kg_per_kwh
