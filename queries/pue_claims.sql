-- One row per article claim about PUE (Ulanqab 1.47, Zhangbei 1.07). Params: none
select
    num,
    id,
    value_text_en,
    article_text_zh,
    "check",
    check_note_en
from claims
where num in (18, 23)
order by num
