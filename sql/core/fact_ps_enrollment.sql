-- core.fact_ps_enrollment
-- One row per NSC record found: an enrollment term at a college, or a degree (graduated = true).
-- A student not found has no row here and is a graduate who did not enroll (marts.student_outcomes).
-- grain: student x college x term (or degree)
-- columns:
--   student_key: keyed HMAC-SHA256 of the district's student id; the raw id never reaches the warehouse
--   status: enrollment status: F full-time, Q three-quarter, H half-time, L less than half-time, W withdrawn, D deceased, A leave of absence
--   graduated: a degree or certificate row
--   graduation_date: date of the degree or certificate
--   college_sequence: NSC's order of the student's college records; 0 = enrolled while still in high school
--   dual_enrollment: a college term taken while still in high school (college sequence 0): never counted as postsecondary enrollment
--   college_code: OPEID of the college with branch, 000000-00 (NSC college code/branch)
--   college_name: college name as NSC returns it
--   college_state: two-letter state of the college
--   level: level of the college: 4 (4-year), 2 (2-year) or L (less than 2 years)
--   control: Public or Private
--   enrollment_begin: first day of the enrollment term (null on a degree row)
--   enrollment_end: last day of the enrollment term (null on a degree row)
--   degree_title: title of the degree or certificate (degree rows)
--   major: major of the degree (degree rows)
create or replace table core.fact_ps_enrollment as
select
    student_key, college_code, college_name, college_state, level, control, enrollment_begin,
    enrollment_end, status, graduated, graduation_date, degree_title, major, college_sequence, dual_enrollment
from staging.stg_nsc
where record_found;
