-- core.dim_school
-- One row per school, with its latest career-coach status and whether it has grade 12.
-- grain: school; key: school_id
-- sources: staging.stg_schools, staging.stg_accountability
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
)

select
    -- ids
    coalesce(l.school_id, a.school_id) as school_id,
    coalesce(l.district_id, a.district_id) as district_id,
    -- attributes
    coalesce(l.name, a.name) as name,
    l.has_career_coach,
    l.grade_high = 12 as has_grade12
from latest as l
full outer join from_accountability as a using (school_id);
