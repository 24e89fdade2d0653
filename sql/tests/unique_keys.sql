-- Every public table has one row per key.
-- Returns one row per key value that appears more than once.
select 'core.dim_student' as tested, student_key as key_value, count(*) as n from core.dim_student group by all having n > 1
union all
select 'core.dim_district', district_id, count(*) from core.dim_district group by all having count(*) > 1
union all
select 'core.dim_school', school_id, count(*) from core.dim_school group by all having count(*) > 1
union all
select 'core.fact_student_year', student_key || ' ' || school_year, count(*) from core.fact_student_year group by all having count(*) > 1
union all
select 'marts.student_plans', student_key, count(*) from marts.student_plans group by all having count(*) > 1
union all
select 'marts.student_outcomes', student_key, count(*) from marts.student_outcomes group by all having count(*) > 1
union all
select 'marts.indicators', concat_ws(' ', indicator, level, entity_id, cohort, subgroup_type, subgroup), count(*)
from marts.indicators group by all having count(*) > 1
union all
select 'marts.enrollment_by_revision_band', concat_ws(' ', level, entity_id, cohort, subgroup_type, subgroup, revision_band), count(*)
from marts.enrollment_by_revision_band group by all having count(*) > 1
union all
select 'marts.indicator_gaps', concat_ws(' ', indicator, level, entity_id, cohort, subgroup_type, subgroup), count(*)
from marts.indicator_gaps group by all having count(*) > 1
