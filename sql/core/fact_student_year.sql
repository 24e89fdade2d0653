-- core.fact_student_year
-- One row per student and school year: the record of the last school that year.
-- grain: student x school year; key: student_key, school_year
-- Every grade loads (PK-12 and ungraded): "ever" flags, modal race and moves use all years;
-- each indicator picks its own grades.
-- columns:
--   grade: grade level as a number: -1 pre-kindergarten, 0 kindergarten, 1-12; null when ungraded
--   grade_level: grade level as recorded, normalized: PK, K, 1-12, UG (ungraded)
--   student_key: keyed HMAC-SHA256 of the district's student id; the raw id never reaches the warehouse
--   school_year: school year, named by the year it ends (2024 = 2023-24)
--   district_id: district of the last school attended that year
--   school_id: the last school attended that year (DDDD-SSS)
--   race_ethnicity: race/ethnicity recorded that year (contract codes)
--   sex: sex recorded that year
--   econ_disadvantaged: economically disadvantaged that year
--   english_learner: an English learner that year
--   iep: had an IEP that year
--   exit_code: how the year ended: enrolled, graduated, transferred_in_state, transferred_out, dropped_out or other
--   diploma_date: date a diploma was awarded that year
--   diploma_type: type of that diploma: regular, alternate, certificate, other
--   ccr_met: met the college-and-career-readiness benchmark, as recorded that year
--   act_composite: ACT composite score recorded that year
--   days_enrolled: days enrolled that year, summed over the year's schools (null when no school reported it)
--   days_absent: days absent that year, summed over the year's schools (null when no school reported it)
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
    act_composite,
    -- a student who changed school during the year was enrolled (and absent) at each
    sum(days_enrolled) over year_rows as days_enrolled,
    sum(days_absent) over year_rows as days_absent
from staging.stg_students
window year_rows as (partition by student_key, school_year)
qualify row_number() over (partition by student_key, school_year order by (exit_code = 'graduated') desc, source_row desc) = 1;
