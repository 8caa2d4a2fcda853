-- One row per article claim about the center $center_id (directly or through a use case run there). Params: $center_id
select distinct
    claims.num,
    claims.id,
    claims.metric_en,
    claims.value_text_en,
    claims.article_text_zh,
    claims."check",
    claims.check_note_en,
    claims.check_note_zh,
    claims.check_source_id
from claims
left join use_cases
    on use_cases.id = claims.use_case_id
where claims.center_id = $center_id
    or use_cases.center_id = $center_id
order by claims.num
