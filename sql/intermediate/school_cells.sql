-- intermediate.school_cells
-- The indicator cells summed once per school and subgroup: the finest grain marts.indicators
-- publishes, from which it also sums districts and the state (counts add up). A table of its own
-- because DuckDB runs this aggregation of ~44 million subgroup rows (state scale) twice as fast
-- alone as inside the mart's query (12 s against about 30 s, measured 2026-12-07).
-- grain: indicator x cohort x subgroup set x subgroup x district x school
-- columns:
--   indicator: indicator name (marts.indicator_catalog)
--   cohort: the cell's cohort, as marts.indicator_catalog.cohort_type says
--   subgroup_type: the group type (intermediate.cell_subgroups)
--   subgroup_set: the set of subgroups that together make up the all cell (intermediate.cell_subgroups)
--   subgroup: the subgroup's value (all when subgroup_type is all)
--   district_id: district the students are counted in
--   school_id: school the students are counted in
--   numerator: sum of the cells' numerators
--   denominator: sum of the cells' denominators
--   students: students behind the cell
create or replace table intermediate.school_cells as
select
    indicator, cohort, subgroup_type, subgroup_set, subgroup, district_id, school_id,
    sum(numerator) as numerator,
    sum(denominator) as denominator,
    sum(students) as students
from intermediate.cell_subgroups
group by all;
