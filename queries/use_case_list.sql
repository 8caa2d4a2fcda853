-- One row per industry use case of the article, with the center it ran on. Params: none
select
    use_cases.*,
    centers.name_zh as center_zh,
    centers.name_en as center_en
from use_cases
left join centers
    on centers.id = use_cases.center_id
order by use_cases.id
