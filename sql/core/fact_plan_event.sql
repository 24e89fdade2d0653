-- core.fact_plan_event
-- One row per Individual Success Plan event, as typed in staging.
-- grain: ISP event; key: student_key, event_date, school_id, event, staff_role
-- columns:
--   event_date: date of the ISP event
--   school_year: school year of the event (Jul 1 - Jun 30), named by the year it ends
--   parent_participated: a parent or guardian took part
--   grade: grade level at the event as a number: -1 pre-kindergarten, 0 kindergarten, 1-12; null when ungraded
--   grade_level: grade level at the event as recorded, normalized: PK, K, 1-12, UG (ungraded)
create or replace table core.fact_plan_event as
select
    student_key, event_date, school_year, grade, grade_level, district_id, school_id, event, staff_role,
    parent_participated, career_cluster, postsecondary_goal, endorsement
from staging.stg_plans;
