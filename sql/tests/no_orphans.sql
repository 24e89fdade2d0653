-- Facts and marts point at dimension rows that exist.
-- Returns one row per reference that does not resolve.
select 'core.fact_student_year.student_key' as tested, student_key as key_value
from core.fact_student_year anti join core.dim_student using (student_key)
union all
select 'core.fact_student_year.district_id', district_id
from core.fact_student_year as f where not exists (select 1 from core.dim_district as d where d.district_id = f.district_id)
union all
select 'core.fact_student_year.school_id', school_id
from core.fact_student_year as f where not exists (select 1 from core.dim_school as s where s.school_id = f.school_id)
union all
select 'core.dim_school.district_id', district_id
from core.dim_school as s where not exists (select 1 from core.dim_district as d where d.district_id = s.district_id)
union all
select 'marts.student_outcomes.student_key', student_key
from marts.student_outcomes anti join core.dim_student using (student_key)
union all
select 'marts.student_outcomes.district_id', district_id
from marts.student_outcomes as o where not exists (select 1 from core.dim_district as d where d.district_id = o.district_id)
union all
select 'marts.indicators.indicator', indicator
from marts.indicators anti join marts.indicator_catalog using (indicator)
union all
select 'marts.indicators.subgroup', subgroup_type || '=' || subgroup
from (select distinct subgroup_type, subgroup from marts.indicators) anti join marts.subgroup_catalog using (subgroup_type, subgroup)
union all
select 'marts.enrollment_by_revision_band.subgroup', subgroup_type || '=' || subgroup
from (select distinct subgroup_type, subgroup from marts.enrollment_by_revision_band) anti join marts.subgroup_catalog using (subgroup_type, subgroup)
union all
select 'marts.enrollment_by_revision_band.revision_band', revision_band
from (select distinct revision_band from marts.enrollment_by_revision_band) as b
where not exists (select 1 from marts.subgroup_catalog as c where c.subgroup_type = 'isp_revision_band' and c.subgroup = b.revision_band)
