-- One row per figure of national metric $metric, newest first (the KPI uses the first two of one basis). Params: $metric
with figures as (
    select
        metric,
        basis,
        basis_en as basis_label,
        precision,
        as_of,
        value,
        qualifier,
        unit,
        source_id
    from national_series
    where metric = $metric
)

select * from figures
order by as_of desc
