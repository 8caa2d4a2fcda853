-- One row per electricity price figure for data centers (CNY/kWh), with any article claim. Params: none
select
    id,
    place_en,
    place_zh,
    hub_id,
    kind,
    price_cny_kwh,
    qualifier,
    as_of,
    source_id,
    claim_id
from electricity_prices
order by price_cny_kwh desc
