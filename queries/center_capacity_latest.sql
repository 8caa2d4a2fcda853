-- One row per center and capacity kind (operating, planned): its latest PFLOPS figure. Params: none
-- The rule (which figures count, which is latest) is center_capacity_as_of's, with no cut-off year.
select * from center_capacity_as_of(p_year := null)
order by center_id, kind
