-- Sources by quality grade
select
    quality,
    count(*) as sources
from sources
group by 1
order by 1
