-- core.dim_student
-- One row per student, with the Strategic Data Project's decision rules (INDICATORS.md):
-- race/ethnicity = most frequent value, the most recent on a tie; program flags = ever;
-- ninth-grade cohort = first year seen in grades 9-12, mapped back to grade 9;
-- graduating class = regular diploma date from Sep 1 of Y-1 to Aug 31 of Y.
-- grain: student; key: student_key
-- columns:
--   student_key: keyed HMAC-SHA256 of the district's student id; the raw id never reaches the warehouse
--   race_ethnicity: the most frequent value across the student's years; on a tie, the most recent
--   sex: the most recent value
--   econ_disadvantaged_ever: economically disadvantaged in any year
--   english_learner_ever: an English learner in any year
--   iep_ever: had an IEP in any year
--   iep_grade7: had an IEP in grade 7 (exempt from the ISP requirement)
--   cohort_grade9: ninth-grade cohort: the first school year in grade 9, or the first year in grade 10, 11 or 12 mapped back one, two or three years
--   grade7_year: the first school year the student was in grade 7
--   grade7_district_id: district of that grade-7 year
--   grade7_school_id: school of that grade-7 year
--   grad_class: graduating class: the year Y whose Sep 1 (Y-1) - Aug 31 (Y) window holds the regular diploma date (NSC)
--   graduated: received a regular diploma (other diploma types are in diploma_type and do not count)
--   diploma_date: date of the regular diploma
--   diploma_type: the type of the latest diploma recorded (regular, alternate, certificate, other)
--   ccr_met: met the college-and-career-readiness benchmark (as recorded with the regular diploma)
--   grad_district_id: district of the school year in which the regular diploma was awarded
--   grad_school_id: school of the school year in which the regular diploma was awarded
--   left_state: a year ended with exit code transferred_out (left the state's public schools)
--   first_district_id: district of the student's first school year
--   last_district_id: district of the student's last school year
--   last_school_id: school of the student's last school year
--   districts_attended: number of different districts the student attended
--   last_locale: locale of the last district
--   last_school_career_coach: the last school had a career coach
create or replace table core.dim_student as
with race_counts as (
    select student_key, race_ethnicity, count(*) as n, max(school_year) as last_year
    from core.fact_student_year
    where race_ethnicity is not null
    group by all
),

modal_race as (
    select student_key, arg_max(race_ethnicity, n * 10000 + last_year) as race_ethnicity
    from race_counts
    group by student_key
),

ordered as (
    select
        student_key,
        min(school_year - (grade - 9)) filter (where grade >= 9) as cohort_grade9,
        min(school_year) filter (where grade = 7) as grade7_year,
        arg_max(sex, school_year) as sex,
        bool_or(econ_disadvantaged) as econ_disadvantaged_ever,
        bool_or(english_learner) as english_learner_ever,
        bool_or(iep) as iep_ever,
        bool_or(iep) filter (where grade = 7) as iep_grade7,
        min(diploma_date) filter (where diploma_type = 'regular') as diploma_date,
        arg_max(diploma_type, school_year) filter (where diploma_type is not null) as diploma_type,
        bool_or(ccr_met) filter (where diploma_type = 'regular') as ccr_met,
        bool_or(exit_code = 'transferred_out') as left_state,
        arg_min(district_id, school_year) filter (where grade = 7) as grade7_district_id,
        arg_min(school_id, school_year) filter (where grade = 7) as grade7_school_id,
        arg_min(district_id, school_year) filter (where diploma_type = 'regular') as grad_district_id,
        arg_min(school_id, school_year) filter (where diploma_type = 'regular') as grad_school_id,
        arg_min(district_id, school_year) as first_district_id,
        arg_max(district_id, school_year) as last_district_id,
        arg_max(school_id, school_year) as last_school_id,
        count(distinct district_id) as districts_attended
    from core.fact_student_year
    group by student_key
)

select
    -- ids
    o.student_key,
    -- demographics
    r.race_ethnicity,
    o.sex,
    o.econ_disadvantaged_ever,
    o.english_learner_ever,
    o.iep_ever,
    coalesce(o.iep_grade7, false) as iep_grade7,
    -- cohorts
    o.cohort_grade9,
    o.grade7_year,
    o.grade7_district_id,
    o.grade7_school_id,
    year(o.diploma_date) + (month(o.diploma_date) >= 9)::integer as grad_class,
    o.diploma_date is not null as graduated,
    o.diploma_date,
    o.diploma_type,
    coalesce(o.ccr_met, false) as ccr_met,
    o.grad_district_id,
    o.grad_school_id,
    coalesce(o.left_state, false) as left_state,
    -- where
    o.first_district_id,
    o.last_district_id,
    o.last_school_id,
    o.districts_attended,
    d.locale as last_locale,
    s.has_career_coach as last_school_career_coach
from ordered as o
left join modal_race as r using (student_key)
left join core.dim_district as d on d.district_id = o.last_district_id
left join core.dim_school as s on s.school_id = o.last_school_id;
