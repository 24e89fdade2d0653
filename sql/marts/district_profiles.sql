-- marts.district_profiles
-- Who each district serves (intermediate.district_traits), as it may be published: yearly
-- enrollment rounded to the nearest 10, shares in whole percents, and a share left out (null)
-- when fewer than min_n student-years are in the group or outside it, so no small count can be
-- read back. The traits comparable districts are chosen by (marts.comparable_districts).
-- grain: district; key: district_id
-- columns:
--   district_id: MDE district number
--   school_years: the school years the traits describe, e.g. 2021-2025
--   enrollment: students enrolled in a year (any grade in the extract), averaged over those years, rounded to the nearest 10
--   econ_disadvantaged_pct: share of student-years economically disadvantaged, whole percent
--   english_learner_pct: share of student-years as an English learner, whole percent
--   iep_pct: share of student-years with an IEP, whole percent
--   black_pct: share of student-years of Black students, whole percent
--   hispanic_pct: share of student-years of Hispanic students, whole percent
--   locale: NCES locale group (marts.districts)
create or replace table marts.district_profiles as
with traits as (
    select t.district_id, t.student_years, u.trait.name as trait, u.trait.n as n
    from intermediate.district_traits as t,
        unnest([
            {'name': 'econ', 'n': t.econ}, {'name': 'el', 'n': t.el}, {'name': 'iep', 'n': t.iep},
            {'name': 'black', 'n': t.black}, {'name': 'hispanic', 'n': t.hispanic}
        ]) as u(trait)
),

shares as (
    -- a share is published only when the group and the rest each have none or at least min_n
    select district_id, trait,
        case when (n = 0 or n >= getvariable('min_n')) and (student_years - n = 0 or student_years - n >= getvariable('min_n'))
            then round(100 * n / student_years)::integer end as pct
    from traits
)

select
    t.district_id,
    t.school_years,
    round(t.enrollment, -1)::integer as enrollment,
    max(s.pct) filter (where s.trait = 'econ') as econ_disadvantaged_pct,
    max(s.pct) filter (where s.trait = 'el') as english_learner_pct,
    max(s.pct) filter (where s.trait = 'iep') as iep_pct,
    max(s.pct) filter (where s.trait = 'black') as black_pct,
    max(s.pct) filter (where s.trait = 'hispanic') as hispanic_pct,
    d.locale
from intermediate.district_traits as t
join shares as s using (district_id)
left join marts.districts as d using (district_id)
group by t.district_id, t.school_years, t.enrollment, d.locale
order by t.district_id;
