-- core.fact_assessment
-- One state assessment result per student, school year, subject and grade, with the scale score
-- standardized among every student tested in the same school year, subject and grade (so scores
-- of different years and tests compare: INDICATORS.md, prior achievement).
-- grain: student x school year x subject x grade; key: student_key, school_year, subject, grade
-- columns:
--   student_key: keyed HMAC-SHA256 of the district's student id; the raw id never reaches the warehouse
--   school_year: school year of the test, named by the year it ends (2024 = spring 2024)
--   grade: grade tested (1-12; results of ungraded students are left out)
--   subject: math or ela
--   scale_score: scale score as reported
--   achievement_level: achievement level, 1 (Minimal) to 5 (Advanced), when the file gives it
--   score_z: the scale score standardized within school year, subject and grade: (score - mean) / standard deviation of every student tested
--   tested_students: students tested in that school year, subject and grade (the base of score_z)
create or replace table core.fact_assessment as
select
    student_key,
    school_year,
    grade,
    subject,
    scale_score,
    achievement_level,
    (scale_score - avg(scale_score) over tested) / nullif(stddev_samp(scale_score) over tested, 0) as score_z,
    count(*) over tested as tested_students
from staging.stg_assessments
where grade is not null
window tested as (partition by school_year, subject, grade);
