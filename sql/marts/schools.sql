-- marts.schools
-- The school directory the dashboard and the public release show: names and descriptions only,
-- no student counts, so it may be published as it is.
-- grain: school; key: school_id
-- columns:
--   school_id: MDE school id, DDDD-SSS
--   district_id: the school's district
--   name: school name (null when known from student records only)
--   has_grade12: the school serves grade 12 (a high school, whose graduates the indicators follow)
--   has_career_coach: the school had a career coach (latest schools file; null when unknown)
create or replace table marts.schools as
select school_id, district_id, name, has_grade12, has_career_coach
from core.dim_school
order by school_id;
