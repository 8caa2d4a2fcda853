-- One row per center and capacity kind (operating, planned): its latest PFLOPS figure. Params: none
-- Only figures from outside sources, or article claims that outside sources confirm, count.
-- "Latest" is the most recent as_of; at one date the largest figure (the whole project, not
-- a phase) wins. Accelerator-card counts are not PFLOPS and are left out.
with counted as (
    select
        cap.*
    from center_capacity as cap
    left join claims as cl
        on cl.id = cap.claim_id
    where cap.metric = 'pflops'
        and (cap.claim_id is null or cl.check = 'confirmed')
),

ranked as (
    select
        counted.*,
        row_number() over (
            partition by center_id, kind
            order by as_of desc nulls last, value desc
        ) as rank
    from counted
),

latest as (
    select
        ranked.center_id,
        ranked.kind,
        ranked.value as pflops,
        ranked.qualifier,
        ranked.precision,
        ranked.scope_en,
        ranked.scope_zh,
        ranked.as_of,
        ranked.source_id,
        centers.hub_id,
        hubs.region
    from ranked
    inner join centers
        on centers.id = ranked.center_id
    left join hubs
        on hubs.id = centers.hub_id
    where ranked.rank = 1
)

select * from latest
order by center_id, kind
