-- core.fact_plan_event
-- One row per Individual Success Plan event, as typed in staging.
-- grain: ISP event; key: student_key, event_date, school_id, event, staff_role
-- columns:
--   event_date: date of the ISP event
--   school_year: school year of the event (Jul 1 - Jun 30), named by the year it ends
--   parent_participated: a parent or guardian took part
--   grade: grade level at the event as a number: -1 pre-kindergarten, 0 kindergarten, 1-12; null when ungraded
--   grade_level: grade level at the event as recorded, normalized: PK, K, 1-12, UG (ungraded)
--   student_key: keyed HMAC-SHA256 of the district's student id; the raw id never reaches the warehouse
--   district_id: district that recorded the event (MDE district number)
--   school_id: school that recorded the event (DDDD-SSS)
--   event: what happened to the plan: created, revised, reviewed or transferred_in
--   staff_role: who met with the student: counselor, career_coach, teacher or other
--   career_cluster: career cluster chosen in the plan, as recorded
--   postsecondary_goal: goal after high school: four_year, two_year, certificate, apprenticeship, military, workforce or undecided
--   endorsement: diploma endorsement sought: traditional, career_technical, academic or distinguished_academic
create or replace table core.fact_plan_event as
select
    student_key, event_date, school_year, grade, grade_level, district_id, school_id, event, staff_role,
    parent_participated, career_cluster, postsecondary_goal, endorsement
from staging.stg_plans;
