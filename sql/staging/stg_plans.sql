-- staging.stg_plans
-- ISP events, typed with the plans contract; school_year derived from the date (Jul 1 - Jun 30).
-- grain: ISP event; an event repeated across files is kept once
-- columns:
--   student_key: keyed HMAC-SHA256 of the district's student id; the raw id never reaches the warehouse
--   grade_level: grade level at the event, normalized: PK, K, 1-12, UG
--   file_id: the landed file the row comes from (meta.files)
--   source_row: spreadsheet row number of the row in that file (header = 1)
--   school_year: school year of the event (Jul 1 - Jun 30), named by the year it ends
create or replace table staging.stg_plans as
with source as (
    select *
    from landing.raw.plans
    where is_loaded_file(file_id)
),

renamed as (
    select
        -- ids
        student_key,
        contract_plans_event_date(event_date) as event_date,
        district_number(contract_plans_district_id(district_id)) as district_id,
        contract_plans_school_id(school_id) as school_id,
        -- event
        grade_number(contract_plans_grade(grade)) as grade,
        contract_plans_grade(grade) as grade_level,
        contract_plans_event(event) as event,
        contract_plans_staff_role(staff_role) as staff_role,
        contract_plans_parent_participated(parent_participated) = 'Y' as parent_participated,
        contract_plans_career_cluster(career_cluster) as career_cluster,
        contract_plans_postsecondary_goal(postsecondary_goal) as postsecondary_goal,
        contract_plans_endorsement(endorsement) as endorsement,
        -- lineage
        file_id,
        source_row
    from source
),

with_school_year as (
    select
        *,
        year(event_date) + (month(event_date) >= 7)::integer as school_year
    from renamed
),

deduplicated as (
    select *
    from with_school_year
    qualify row_number() over (
        partition by student_key, event_date, school_id, event, staff_role, parent_participated, career_cluster
        order by file_id desc, source_row
    ) = 1
)

select * from deduplicated;
