-- One row per data-center electricity figure (China, world), by year; conflicting figures are kept side by side. Params: none
select
    id,
    scope,
    year,
    twh,
    qualifier,
    share_of_national_pct,
    is_forecast,
    as_of,
    source_id
from dc_electricity
order by scope, year, twh
