-- One row per article claim whose number is in $nums (as numbered in the fact sheet). Params: $nums
select
    num,
    id,
    entity_en,
    metric_en,
    value_text_en,
    article_text_zh,
    "check",
    check_note_en,
    check_note_zh
from claims
where list_contains($nums::integer[], num)
order by num
