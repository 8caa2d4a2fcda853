-- One row per center: the year it joins the map's year view, and why. Params: none
-- The year it opened (centers.opened) when known, else the year of its earliest dated report in
-- the data: a center's own row or a capacity figure dated as_of or published (a plan's target
-- date is not a report date). year_kind says which: 'opened', 'first_reported', or null when it
-- has neither ("year unknown": counted apart, never given a guessed year). year_source_id cites
-- the year. latest_year is the newest year any center or capacity figure was reported in.
with reports as (
    select
        id as center_id,
        as_of,
        source_id
    from centers
    where as_of_kind in ('as_of', 'published')
        and as_of is not null
    union all
    select
        center_id,
        as_of,
        source_id
    from center_capacity
    where as_of_kind in ('as_of', 'published')
        and as_of is not null
),

first_reports as (
    select
        center_id,
        min(left(as_of, 4)::integer) as year,
        arg_min(source_id, left(as_of, 4) || source_id) as source_id
    from reports
    group by center_id
),

years as (
    select
        centers.id,
        case
            when centers.opened is not null then left(centers.opened, 4)::integer
            else first_reports.year
        end as year,
        case
            when centers.opened is not null then 'opened'
            when first_reports.year is not null then 'first_reported'
        end as year_kind,
        case
            when centers.opened is not null then centers.source_id
            else first_reports.source_id
        end as year_source_id
    from centers
    left join first_reports
        on first_reports.center_id = centers.id
),

dated as (
    select
        years.*,
        greatest(
            (select max(year) from years),
            (select max(left(as_of, 4)::integer) from reports)
        ) as latest_year
    from years
)

select * from dated
order by id
