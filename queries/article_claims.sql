-- One row per article claim, with its check status. Params: none
select
    id,
    num,
    topic,
    entity_en,
    entity_zh,
    metric_en,
    value_text_en,
    value,
    qualifier,
    unit,
    article_text_zh,
    "check",
    check_note_en,
    check_note_zh,
    check_source_id,
    center_id,
    cluster_id,
    hub_id,
    use_case_id
from claims
order by num
