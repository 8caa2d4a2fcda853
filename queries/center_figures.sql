-- One row per capacity figure of the center $center_id, newest first, with its source and any claim check. Params: $center_id
select
    cap.kind,
    cap.metric,
    cap.value,
    cap.qualifier,
    cap.precision,
    cap.scope_en,
    cap.scope_zh,
    cap.as_of,
    cap.source_id,
    sources.quality as grade,
    cap.claim_id,
    claims."check",
    cap.note_en
from center_capacity as cap
left join sources
    on sources.id = cap.source_id
left join claims
    on claims.id = cap.claim_id
where cap.center_id = $center_id
order by cap.as_of desc nulls last, cap.value desc
