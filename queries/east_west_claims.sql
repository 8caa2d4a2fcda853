-- One row per article claim on the east-west question (prices, cheaper compute, scheduling). Params: none
select
    num,
    id,
    value_text_en,
    article_text_zh,
    "check",
    check_note_en
from claims
where num in (17, 24, 25, 40, 41, 42)
order by num
