-- core.fact_plan_event, core.fact_ps_enrollment, core.fact_accountability, core.fact_attainment
-- grain: ISP event; student x college x term (or degree); entity x school year x subgroup; year x definition
-- sources: staging.stg_plans, staging.stg_nsc, staging.stg_accountability, staging.stg_attainment
create or replace table core.fact_plan_event as
select
    student_key, event_date, school_year, grade, district_id, school_id, event, staff_role,
    parent_participated, career_cluster, postsecondary_goal, endorsement
from staging.stg_plans;

-- found rows only: a student not found is a graduate who did not enroll, which the marts infer
create or replace table core.fact_ps_enrollment as
select
    student_key, college_code, college_name, college_state, level, control, enrollment_begin,
    enrollment_end, status, graduated, graduation_date, degree_title, major, college_sequence
from staging.stg_nsc
where record_found;

create or replace table core.fact_accountability as
select
    -- ids
    level, entity_id, school_year, subgroup, district_id,
    -- published rates (percent)
    grad_rate, ccr_rate, acceleration_rate, grade, total_points,
    -- derived
    grad_rate - ccr_rate as grad_ccr_gap,
    grad_rate > getvariable('high_grad_threshold') and ccr_rate < getvariable('low_ccr_threshold') as high_grad_low_ccr,
    is_charter
from staging.stg_accountability;

create or replace table core.fact_attainment as
select year, attainment_pct, definition, age_band, source, population_25_64
from staging.stg_attainment;
