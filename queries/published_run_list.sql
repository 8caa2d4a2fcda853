-- One row per published training-run figure the lab checks, with its source's link and grade. Params: none
-- The calculator's figure is not here: the lab computes it live (atlas.calc.published_runs).
select
    r.id,
    r.run,
    r."check",
    r.params_b,
    r.tokens_b,
    r.accelerator,
    r.accelerator_count,
    r.peak_tflops,
    r.peak_source_id,
    r.power_w,
    r.pue,
    r.hours,
    r.accelerator_hours,
    r.grid_kg_per_kwh,
    r.derived_inputs,
    r.published_value,
    r.unit,
    r.tolerance_pct,
    r.source_id,
    r.extra_source_ids,
    r.as_of,
    r.note_en,
    r.note_zh,
    s.url as source_url,
    s.publisher as source_publisher,
    s.quality as grade
from published_runs r
join sources s on s.id = r.source_id
order by case r."check" when 'flops' then 1 when 'energy_mwh' then 2 else 3 end, r.as_of, r.params_b, r.id
