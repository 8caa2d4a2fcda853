-- One row per source. Params: none
select
    id,
    title,
    publisher,
    url,
    published,
    quality,
    licence
from sources
order by id
