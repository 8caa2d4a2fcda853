-- One row: the most recent as-of date of any figure (the data's as-of for the footer). Params: none
with dates as (
    select as_of from center_capacity where as_of_kind <> 'plan'
    union all
    select as_of from hub_metrics where not is_target
    union all
    select as_of from national_series
)

select
    max(as_of) as latest_as_of
from dates
where as_of is not null
    and as_of <= strftime(current_date, '%Y-%m-%d')
