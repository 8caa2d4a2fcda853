-- One row per PUE target line drawn on the PUE chart: east start zones, the Gansu start zone, large DCs nationally. Params: none
-- The east line holds only where the NDRC replies were seen (JJJ, YRD, GBA); the west line
-- only for Gansu: the replies for the other four western hubs were not seen.
with lines as (
    select
        case when hub_id in ('jjj', 'yrd', 'gba') then 'east' else hub_id end as line,
        min(value) as value,
        min(qualifier) as qualifier,
        min(source_id) as source_id,
        string_agg(hub_id, ',' order by hub_id) as hubs
    from policy_targets
    where id in ('start-zone-jjj-pue', 'start-zone-yrd-pue', 'start-zone-gba-pue', 'start-zone-gansu-pue')
    group by line
    union all
    select 'national', value, qualifier, source_id, null
    from policy_targets
    where id = 'ndrc-1922-large-dc-pue-2025'
)

select
    line,
    value,
    qualifier,
    source_id,
    hubs,
    case line
        when 'east' then '东部枢纽起步区（京津冀、长三角、粤港澳）'
        when 'gansu' then '甘肃枢纽起步区'
        else '全国大型数据中心（2025）'
    end as scope_zh,
    case line
        when 'east' then 'east start zones (JJJ, YRD, GBA)'
        when 'gansu' then 'Gansu start zone'
        else 'large DCs nationally (2025)'
    end as scope_en
from lines
order by value desc
