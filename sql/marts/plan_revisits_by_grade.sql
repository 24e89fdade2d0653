-- marts.plan_revisits_by_grade
-- How often plans are revisited as students move through grades 7-12: ISP revisions and reviews
-- per student-year, statewide, over the five most recent school years. The Plans page draws it;
-- the build's disclosure step hides a grade with fewer than min_n student-years.
-- grain: level x entity x grade; keys: level, entity_id, grade
-- columns:
--   grade: grade level (7-12)
--   first_year: the first school year counted
--   last_year: the last school year counted
--   student_years: students enrolled in the grade, summed over the school years (the denominator)
--   revisits: ISP revisions and reviews recorded in the grade in those years (the numerator)
--   value: revisits per student-year
--   suppressed: hidden by the disclosure step (fewer than min_n student-years)
--   suppression_reason: small when hidden
--   level: state (the only level published)
--   entity_id: the state code (setting home_state)
create or replace table marts.plan_revisits_by_grade as
with years as (
    select grade, school_year, count(*) as student_years
    from core.fact_student_year
    where grade between 7 and 12 and school_year > (select max(school_year) - 5 from core.fact_student_year)
    group by all
),

events as (
    select grade, school_year, count(*) as revisits
    from core.fact_plan_event
    where event in ('revised', 'reviewed')
    group by all
)

select
    'state' as level,
    getvariable('home_state') as entity_id,
    y.grade,
    min(y.school_year) as first_year,
    max(y.school_year) as last_year,
    sum(y.student_years) as student_years,
    sum(coalesce(e.revisits, 0)) as revisits,
    sum(coalesce(e.revisits, 0)) / sum(y.student_years) as value,
    null::boolean as suppressed,
    null::varchar as suppression_reason
from years as y
left join events as e using (grade, school_year)
group by y.grade
order by y.grade;
