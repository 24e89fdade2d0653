-- core.fact_student_year
-- One row per student and school year: the record of the last school that year.
-- grain: student x school year; key: student_key, school_year
-- sources: staging.stg_students
create or replace table core.fact_student_year as
select
    -- ids
    student_key,
    school_year,
    district_id,
    school_id,
    -- the year
    grade,
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
