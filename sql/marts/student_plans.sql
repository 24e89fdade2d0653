-- marts.student_plans
-- Each student's Individual Success Plan history, reduced to the measures of INDICATORS.md.
-- grain: student (everyone with a student-year record); key: student_key
-- columns:
--   has_isp: the student has at least one ISP event of any kind
--   isp_created_date: date of the first `created` event
--   isp_created_by_grade7: a `created` event dated before the end (Jun 30) of the student's grade-7 school year
--   isp_exempt_grade7: the student had an IEP in grade 7, so the ISP requirement did not apply
--   years_enrolled_8_12: school years with a student-year record in grades 8-12
--   revisions_8_12: `revised` or `reviewed` events in grades 8-12
--   years_revisited_8_12: of years_enrolled_8_12, those with at least one `revised` or `reviewed` event
--   revisited_every_year: has an ISP and a revision or review in every school year enrolled in grades 8-12
--   parent_input_9_12: an ISP event in grades 9-12 with a parent participating
--   postsecondary_goal: the goal of the latest plan event that states one (four_year, two_year, certificate, apprenticeship, military, workforce, undecided); null when no event states one
--   career_cluster: the career cluster of the latest plan event that states one
--   endorsement: the diploma endorsement of the latest plan event that states one
--   moved_district: the student's district changed between two school years, the later one in grades 6-12 (the plan grades)
--   move_year: school year of the first year in a new district (the first such move)
--   move_district_id: district the student moved into (the first move)
--   move_school_id: school the student moved into (the first move)
--   isp_before_move: an ISP event dated in a school year before move_year
--   first_event_after_move: the first ISP event in the new district, from move_year on (null: none); on the same date, `created` before the others
--   isp_continued_after_move: first_event_after_move is a revision, review or transfer of the existing plan, not a new `created`
--   student_key: keyed HMAC-SHA256 of the district's student id; the raw id never reaches the warehouse
create or replace table marts.student_plans as
with revisit_years as (
    select distinct student_key, school_year
    from core.fact_plan_event
    where event in ('revised', 'reviewed')
),

plan_summary as (
    select
        student_key,
        min(event_date) filter (where event = 'created') as isp_created_date,
        count(*) filter (where event in ('revised', 'reviewed') and grade between 8 and 12) as revisions_8_12,
        bool_or(parent_participated) filter (where grade between 9 and 12) as parent_input_9_12,
        -- what the plan says last: ties on the date broken by the value, so every build agrees
        arg_max(postsecondary_goal, (event_date, postsecondary_goal)) filter (where postsecondary_goal is not null)
            as postsecondary_goal,
        arg_max(career_cluster, (event_date, career_cluster)) filter (where career_cluster is not null) as career_cluster,
        arg_max(endorsement, (event_date, endorsement)) filter (where endorsement is not null) as endorsement
    from core.fact_plan_event
    group by student_key
),

years_8_12 as (
    select
        y.student_key,
        count(*) as years_enrolled,
        count(r.school_year) as years_revisited
    from core.fact_student_year as y
    left join revisit_years as r using (student_key, school_year)
    where y.grade between 8 and 12
    group by y.student_key
),

district_changes as (
    select
        student_key,
        school_year,
        district_id,
        school_id,
        grade,
        lag(district_id) over (partition by student_key order by school_year) as previous_district_id
    from core.fact_student_year
),

first_move as (
    -- the first move into a school year of the plan grades (6-12): a K-12 extract's earlier
    -- moves happened before any plan existed
    select student_key, school_year as move_year, district_id as move_district_id, school_id as move_school_id
    from district_changes
    where previous_district_id is not null and previous_district_id <> district_id and grade >= 6
    qualify row_number() over (partition by student_key order by school_year) = 1
),

move_plans as (
    select
        m.student_key,
        bool_or(e.school_year < m.move_year) as isp_before_move,
        -- ties on the date broken by event name, so a same-day `created` counts first (conservative)
        -- and every build gives the same answer
        arg_min(e.event, (e.event_date, e.event)) filter (
            where e.school_year >= m.move_year and e.district_id = m.move_district_id
        ) as first_event_after_move
    from first_move as m
    join core.fact_plan_event as e using (student_key)
    group by m.student_key
)

select
    -- ids
    s.student_key,
    -- creation
    p.student_key is not null as has_isp,
    p.isp_created_date,
    coalesce(p.isp_created_date <= make_date(s.grade7_year, 6, 30), false) as isp_created_by_grade7,
    s.iep_grade7 as isp_exempt_grade7,
    -- follow-through in grades 8-12
    coalesce(y.years_enrolled, 0) as years_enrolled_8_12,
    coalesce(p.revisions_8_12, 0) as revisions_8_12,
    coalesce(y.years_revisited, 0) as years_revisited_8_12,
    p.student_key is not null and y.years_enrolled > 0 and y.years_revisited = y.years_enrolled as revisited_every_year,
    coalesce(p.parent_input_9_12, false) as parent_input_9_12,
    -- what the plan says
    p.postsecondary_goal,
    p.career_cluster,
    p.endorsement,
    -- moves between districts
    m.student_key is not null as moved_district,
    m.move_year,
    m.move_district_id,
    m.move_school_id,
    coalesce(mp.isp_before_move, false) as isp_before_move,
    mp.first_event_after_move,
    coalesce(mp.first_event_after_move in ('revised', 'reviewed', 'transferred_in'), false) as isp_continued_after_move
from core.dim_student as s
left join plan_summary as p using (student_key)
left join years_8_12 as y using (student_key)
left join first_move as m using (student_key)
left join move_plans as mp using (student_key);
