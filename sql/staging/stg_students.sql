-- staging.stg_students
-- Student-year records, typed with the students contract, from the files currently loaded.
-- grain: student x school year x school; keys: student_key, school_year, school_id
-- A record that arrives in two files (overlapping extracts) is kept once, from the newer file.
-- columns:
--   student_key: keyed HMAC-SHA256 of the district's student id; the raw id never reaches the warehouse
--   grade_level: grade level as recorded, normalized: PK, K, 1-12, UG
--   file_id: the landed file the row comes from (meta.files)
--   source_row: spreadsheet row number of the row in that file (header = 1)
create or replace table staging.stg_students as
with source as (
    select *
    from landing.raw.students
    where is_loaded_file(file_id)
),

renamed as (
    select
        -- ids
        student_key,
        contract_students_school_year(school_year) as school_year,
        district_number(contract_students_district_id(district_id)) as district_id,
        contract_students_school_id(school_id) as school_id,
        -- attributes
        grade_number(contract_students_grade(grade)) as grade,
        contract_students_grade(grade) as grade_level,
        contract_students_race_ethnicity(race_ethnicity) as race_ethnicity,
        contract_students_sex(sex) as sex,
        contract_students_econ_disadvantaged(econ_disadvantaged) = 'Y' as econ_disadvantaged,
        contract_students_english_learner(english_learner) = 'Y' as english_learner,
        contract_students_iep(iep) = 'Y' as iep,
        -- exit and outcomes
        contract_students_exit_code(exit_code) as exit_code,
        contract_students_diploma_date(diploma_date) as diploma_date,
        contract_students_diploma_type(diploma_type) as diploma_type,
        contract_students_ccr_met(ccr_met) = 'Y' as ccr_met,
        contract_students_act_composite(act_composite) as act_composite,
        -- attendance
        contract_students_days_enrolled(days_enrolled) as days_enrolled,
        contract_students_days_absent(days_absent) as days_absent,
        -- lineage
        file_id,
        source_row
    from source
),

deduplicated as (
    select *
    from renamed
    qualify row_number() over (partition by student_key, school_year, school_id order by file_id desc, source_row) = 1
)

select * from deduplicated;
