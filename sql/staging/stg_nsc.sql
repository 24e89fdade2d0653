-- staging.stg_nsc
-- NSC detail rows, typed; one row per student, college and term (or degree). The same row
-- returned under two high-school codes is kept once (the student counts once). A row with
-- college sequence 0 is enrollment while still in high school (dual enrollment): kept, flagged.
-- grain: student x college x term (enrollment rows) or student x college x degree (degree rows);
--        plus one row per student not found
-- columns:
--   student_key: keyed HMAC-SHA256 of the district's student id; the raw id never reaches the warehouse
--   status: enrollment status: F, Q, H, L, W, D or A (NSC codes)
--   dual_enrollment: college sequence 0: a term taken while still in high school
--   file_id: the landed file the row comes from (meta.files)
--   source_row: spreadsheet row number of the row in that file (header = 1)
create or replace table staging.stg_nsc as
with source as (
    select *
    from landing.raw.nsc
    where is_loaded_file(file_id)
),

renamed as (
    select
        -- ids
        student_key,
        contract_nsc_record_found(record_found) = 'Y' as record_found,
        trim(high_school_code) as high_school_code,
        contract_nsc_high_school_grad_date(high_school_grad_date) as high_school_grad_date,
        contract_nsc_search_date(search_date) as search_date,
        -- college
        contract_nsc_college_code(college_code) as college_code,
        contract_nsc_college_name(college_name) as college_name,
        contract_nsc_college_state(college_state) as college_state,
        contract_nsc_level(level) as level,
        contract_nsc_control(control) as control,
        -- term
        contract_nsc_enrollment_begin(enrollment_begin) as enrollment_begin,
        contract_nsc_enrollment_end(enrollment_end) as enrollment_end,
        contract_nsc_enrollment_status(enrollment_status) as status,
        -- degrees
        coalesce(contract_nsc_graduated(graduated) = 'Y', false) as graduated,
        contract_nsc_graduation_date(graduation_date) as graduation_date,
        contract_nsc_degree_title(degree_title) as degree_title,
        contract_nsc_major(major) as major,
        contract_nsc_college_sequence(college_sequence) as college_sequence,
        coalesce(contract_nsc_college_sequence(college_sequence) = 0, false) as dual_enrollment,
        -- lineage
        file_id,
        source_row
    from source
),

deduplicated as (
    select *
    from renamed
    qualify row_number() over (
        partition by student_key, record_found, college_code, enrollment_begin, enrollment_end, status, graduated,
            graduation_date, degree_title
        order by file_id desc, source_row
    ) = 1
)

select * from deduplicated;
