-- One row for the source $source_id (none if unknown). Params: $source_id
select
    id,
    title,
    publisher,
    url,
    published,
    quality,
    licence
from sources
where id = $source_id
