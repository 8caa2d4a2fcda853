-- The article's claims by check status
select
    "check",
    count(*) as claims,
    string_agg(num::varchar, ', ' order by num) as claim_numbers
from claims
group by 1
order by claims desc
