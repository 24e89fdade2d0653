-- core.dim_school
-- One row per school, with its latest career-coach status and whether it has grade 12: from the
-- schools file, else the accountability file, else the student records (id and district only).
-- grain: school; key: school_id
-- columns:
--   school_id: MDE school id, DDDD-SSS (district number and school number)
--   district_id: the school's district
--   name: school name
--   has_career_coach: the school had a career coach (latest schools file; null when unknown)
--   has_grade12: the school serves grade 12 (schools file)
create or replace table core.dim_school as
with latest as (
    select *
    from staging.stg_schools
    qualify row_number() over (partition by school_id order by school_year desc nulls first, file_id desc) = 1
),

from_accountability as (
    select entity_id as school_id, district_id, arg_max(school_name, school_year) as name
    from staging.stg_accountability
    where level = 'school'
    group by all
),

from_students as (
    select school_id, arg_max(district_id, school_year) as district_id
    from staging.stg_students
    group by school_id
)

select
    -- ids
    coalesce(l.school_id, a.school_id, s.school_id) as school_id,
    coalesce(l.district_id, a.district_id, s.district_id) as district_id,
    -- attributes
    coalesce(l.name, a.name) as name,
    l.has_career_coach,
    l.grade_high = 12 as has_grade12
from latest as l
full outer join from_accountability as a using (school_id)
full outer join from_students as s using (school_id);
