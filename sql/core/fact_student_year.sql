-- core.fact_student_year
-- One row per student and school year: the record of the last school that year.
-- grain: student x school year; key: student_key, school_year
-- Every grade loads (PK-12 and ungraded): "ever" flags, modal race and moves use all years;
-- each indicator picks its own grades.
-- columns:
--   grade: grade level as a number: -1 pre-kindergarten, 0 kindergarten, 1-12; null when ungraded
--   grade_level: grade level as recorded, normalized: PK, K, 1-12, UG (ungraded)
create or replace table core.fact_student_year as
select
    -- ids
    student_key,
    school_year,
    district_id,
    school_id,
    -- the year
    grade,
    grade_level,
    race_ethnicity,
    sex,
    econ_disadvantaged,
    english_learner,
    iep,
    exit_code,
    diploma_date,
    diploma_type,
    ccr_met,
    act_composite
from staging.stg_students
qualify row_number() over (partition by student_key, school_year order by (exit_code = 'graduated') desc, source_row desc) = 1;
