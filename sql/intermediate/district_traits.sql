-- intermediate.district_traits
-- Who each district serves over its last five school years of student records (an extract may
-- hold a single grade in its last year), exact: the one source of marts.district_profiles (which
-- publishes them rounded) and marts.comparable_districts (which ranks districts by them).
-- grain: district; key: district_id
-- columns:
--   district_id: MDE district number
--   school_years: the school years counted, e.g. 2021-2025
--   enrollment: student-years over those years divided by the number of years
--   student_years: student-years counted
--   econ: student-years economically disadvantaged
--   el: student-years as an English learner
--   iep: student-years with an IEP
--   black: student-years of Black students
--   hispanic: student-years of Hispanic students
create or replace table intermediate.district_traits as
with recent as (
    select district_id, school_year
    from (
        select district_id, school_year, dense_rank() over (partition by district_id order by school_year desc) as back
        from (select distinct district_id, school_year from core.fact_student_year)
    )
    where back <= 5
)

select
    y.district_id,
    min(y.school_year) || '-' || max(y.school_year) as school_years,
    count(*) / count(distinct y.school_year) as enrollment,
    count(*) as student_years,
    count(*) filter (where y.econ_disadvantaged) as econ,
    count(*) filter (where y.english_learner) as el,
    count(*) filter (where y.iep) as iep,
    count(*) filter (where y.race_ethnicity = 'black') as black,
    count(*) filter (where y.race_ethnicity = 'hispanic') as hispanic
from core.fact_student_year as y
join recent as r using (district_id, school_year)
group by y.district_id
order by y.district_id;
