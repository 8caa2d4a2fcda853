-- One row per national compute figure (total and intelligent compute, EFLOPS), with its basis. Params: none
with figures as (
    select
        metric,
        basis,
        case metric
            when 'total_compute_eflops' then 'total'
            else 'intelligent'
        end as kind,
        basis_en,
        precision,
        as_of,
        value,
        qualifier,
        source_id
    from national_series
    where metric in ('total_compute_eflops', 'intelligent_compute_eflops')
        -- CAICT's device-side estimate (installed servers) is another method, not the national
        -- figure; it stays in the data and the SQL explorer
        and basis <> 'device-side'
)

select * from figures
order by metric desc, as_of
