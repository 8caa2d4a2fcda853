-- Centers per hub and status
select
    coalesce(hubs.name_en, '(no hub)') as hub,
    count(*) filter (where centers.status = 'operating') as operating,
    count(*) filter (where centers.status <> 'operating') as building_or_planned
from centers
left join hubs on hubs.id = centers.hub_id
group by 1
order by operating desc
