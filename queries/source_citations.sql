-- One row per source, with the tables (and row counts) that cite it. Params: none
with citations as (
    select 'centers' as tbl, source_id from centers
    union all select 'centers', unnest(string_split(extra_source_ids, ';')) from centers
    union all select 'center_capacity', source_id from center_capacity
    union all select 'hubs', source_id from hubs
    union all select 'hubs', pue_target_source_id from hubs
    union all select 'clusters', source_id from clusters
    union all select 'hub_metrics', source_id from hub_metrics
    union all select 'latency', source_id from latency
    union all select 'national_series', source_id from national_series
    union all select 'policy_targets', source_id from policy_targets
    union all select 'electricity_prices', source_id from electricity_prices
    union all select 'dc_cost_share', source_id from dc_cost_share
    union all select 'pue_figures', source_id from pue_figures
    union all select 'green_power', source_id from green_power
    union all select 'grid_carbon', source_id from grid_carbon
    union all select 'dc_electricity', source_id from dc_electricity
    union all select 'claims', source_id from claims
    union all select 'claims', check_source_id from claims
    union all select 'use_cases', source_id from use_cases
    union all select 'use_cases', comparable_source_id from use_cases
    union all select 'use_case_figures', source_id from use_case_figures
    union all select 'provinces', source_id from provinces
),

counts as (
    select
        source_id,
        tbl,
        count(*) as n
    from citations
    where source_id is not null
    group by source_id, tbl
),

cited_by as (
    select
        source_id,
        string_agg(tbl || ': ' || n, ', ' order by n desc, tbl) as cited_by,
        sum(n) as citations
    from counts
    group by source_id
),

source_rows as (
    select
        sources.id,
        sources.publisher,
        sources.title,
        sources.published,
        sources.quality,
        sources.url,
        sources.licence,
        coalesce(cited_by.cited_by, '') as cited_by,
        coalesce(cited_by.citations, 0) as citations
    from sources
    left join cited_by
        on cited_by.source_id = sources.id
)

select * from source_rows
order by quality, citations desc, id
