-- One row per center that passes the map filters and is on the map in $year (center_years: opened or first reported by then), with its capacity as of $year. Params: $statuses, $hubs, $clusters, $provinces, $precisions, $min_pflops, $year
-- map_centers' rows with the headline capacity (latest operating figure, else latest planned)
-- taken from center_headline($year). Status and the other filters are today's.
with in_year as (
    select
        id,
        year,
        year_kind
    from center_years
    where $year is null
        or year <= $year
),

described as (
    select
        shown.* replace (
            headline.pflops as pflops,
            headline.qualifier as qualifier,
            headline.precision as precision,
            headline.capacity_kind as capacity_kind,
            headline.capacity_as_of as capacity_as_of,
            coalesce(headline.capacity_source_id, centers.source_id) as source_id,
            sources.quality as grade
        ),
        in_year.year,
        in_year.year_kind
    from map_centers(
        p_statuses := $statuses,
        p_hubs := $hubs,
        p_clusters := $clusters,
        p_provinces := $provinces,
        p_precisions := [],
        p_min_pflops := 0.0
    ) as shown
    inner join in_year
        on in_year.id = shown.id
    inner join centers
        on centers.id = shown.id
    left join center_headline(p_year := $year) as headline
        on headline.center_id = shown.id
    left join sources
        on sources.id = coalesce(headline.capacity_source_id, centers.source_id)
),

filtered as (
    select *
    from described
    where (len($precisions::varchar[]) = 0 or list_contains($precisions::varchar[], precision))
        and ($min_pflops = 0 or pflops >= $min_pflops)
)

select * from filtered
order by pflops desc nulls last, id
