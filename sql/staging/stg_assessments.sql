-- staging.stg_assessments
-- State assessment results, typed with the assessments contract, from the files currently loaded.
-- grain: student x school year x subject x grade; keys: student_key, school_year, subject, grade
-- A result that arrives in two files is kept once, from the newer file.
-- columns:
--   student_key: keyed HMAC-SHA256 of the district's student id; the raw id never reaches the warehouse
--   grade: grade tested, as a number (null when ungraded)
--   grade_level: grade tested as recorded, normalized: PK, K, 1-12, UG
--   achievement_level: achievement level as a number, 1 (Minimal) to 5 (Advanced)
--   file_id: the landed file the row comes from (meta.files)
--   source_row: spreadsheet row number of the row in that file (header = 1)
create or replace table staging.stg_assessments as
with source as (
    select *
    from landing.raw.assessments
    where is_loaded_file(file_id)
),

renamed as (
    select
        -- ids
        student_key,
        contract_assessments_school_year(school_year) as school_year,
        district_number(contract_assessments_district_id(district_id)) as district_id,
        contract_assessments_school_id(school_id) as school_id,
        -- the test
        grade_number(contract_assessments_grade(grade)) as grade,
        contract_assessments_grade(grade) as grade_level,
        contract_assessments_subject(subject) as subject,
        -- results
        contract_assessments_scale_score(scale_score) as scale_score,
        contract_assessments_raw_score(raw_score) as raw_score,
        contract_assessments_achievement_level(achievement_level)::integer as achievement_level,
        -- lineage
        file_id,
        source_row
    from source
)

select *
from renamed
qualify row_number() over (partition by student_key, school_year, subject, grade_level order by file_id desc, source_row) = 1;
