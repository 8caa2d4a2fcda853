-- One row per before/after figure of a use case, with its claim's check status. Params: none
select
    figures.use_case_id,
    figures.id,
    figures.metric_en,
    figures.metric_zh,
    figures.before,
    figures.after,
    figures.qualifier,
    figures.unit,
    figures.claim_id,
    claims.num as claim_num,
    claims."check",
    figures.source_id,
    figures.as_of,
    figures.note_en
from use_case_figures as figures
left join claims
    on claims.id = figures.claim_id
order by figures.use_case_id, claims.num, figures.id
