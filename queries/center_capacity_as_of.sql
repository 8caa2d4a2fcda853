-- One row per center and capacity kind (operating, planned): its latest PFLOPS figure reported by the end of $year (null: every figure in the data). Params: $year
-- Only figures from outside sources, or article claims that outside sources confirm, count, and
-- never a superseded one (a replaced plan, or a plan an operating figure shows was built).
-- A year's view counts only figures with a report year up to it; a figure with no report date
-- (undated, or a plan's target date only) counts in the full view only, never in a guessed year.
-- Partial dates are compared at the granularity both have: the year (as strings "2025-06" would
-- beat "2025"). A plan's target date is not a report date, so it does not make a figure newer.
-- Operating: the newest report year wins; within it the whole center beats a phase or part, then
-- the larger figure. Planned: the whole project beats a phase first (a phase is part of it), then
-- the newest report year, then the larger figure. Accelerator-card counts are not PFLOPS.
with counted as (
    select
        cap.*,
        case when cap.as_of_kind = 'plan' then null else left(cap.as_of, 4) end as report_year,
        cap.part = 'whole' as is_whole
    from center_capacity as cap
    left join claims as cl
        on cl.id = cap.claim_id
    where cap.metric = 'pflops'
        and cap.superseded_by is null
        and (cap.claim_id is null or cl.check = 'confirmed')
),

reported as (
    select *
    from counted
    where $year is null
        or report_year::integer <= $year
),

ranked as (
    select
        reported.*,
        row_number() over (
            partition by center_id, kind
            order by
                case when kind = 'planned' then is_whole end desc nulls last,
                report_year desc nulls last,
                is_whole desc,
                value desc
        ) as rank
    from reported
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
        ranked.part,
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
