-- intermediate.student_baseline
-- Each student before high school: grade-8 achievement, grade-8 attendance and program status at
-- baseline, the pre-treatment covariates of the adjusted comparisons (INDICATORS.md: prior
-- achievement). The baseline year is the first school year in grade 8, or for a student who
-- arrived later, the first school year in the state.
-- grain: student; key: student_key
-- columns:
--   student_key: keyed HMAC-SHA256 of the district's student id
--   baseline_year: the first school year in grade 8, else the first school year in the state
--   math8_z: grade-8 math scale score standardized within school year (core.fact_assessment.score_z); the first grade-8 test when there are two
--   ela8_z: grade-8 ELA scale score standardized the same way
--   prior_score: mean of math8_z and ela8_z (the one there is, when only one is)
--   grade8_test_year: school year of the first grade-8 test
--   prior_achievement: quartile of prior_score among every student tested in grade 8 that school year: q1 (lowest) to q4 (highest), 1 + floor(4 (rank - 1) / students tested), so equal scores share one; not_tested when the student has no grade-8 score
--   absence_rate8: days absent / days enrolled in the baseline year (null when not reported)
--   econ_disadvantaged8: economically disadvantaged in the baseline year
--   english_learner8: an English learner in the baseline year
--   iep8: had an IEP in the baseline year
create or replace table intermediate.student_baseline as
with first_grade8_tests as (
    select student_key, subject, arg_min(score_z, school_year) as score_z, min(school_year) as school_year
    from core.fact_assessment
    where grade = 8 and score_z is not null
    group by all
),

scores as (
    select
        student_key,
        any_value(score_z) filter (where subject = 'math') as math8_z,
        any_value(score_z) filter (where subject = 'ela') as ela8_z,
        min(school_year) as grade8_test_year
    from first_grade8_tests
    group by student_key
),

quartiles as (
    select
        *,
        (coalesce(math8_z, ela8_z) + coalesce(ela8_z, math8_z)) / 2 as prior_score,
        -- from the rank, so students with equal scores share a quartile
        1 + floor(4 * (rank() over tested - 1) / count(*) over tested)::integer as quartile
    from scores
    window tested as (
        partition by grade8_test_year order by (coalesce(math8_z, ela8_z) + coalesce(ela8_z, math8_z)) / 2
        rows between unbounded preceding and unbounded following
    )
),

baseline_years as (
    select
        student_key,
        coalesce(min(school_year) filter (where grade = 8), min(school_year) filter (where grade > 8), min(school_year))
            as baseline_year
    from core.fact_student_year
    group by student_key
)

select
    b.student_key,
    b.baseline_year,
    q.math8_z,
    q.ela8_z,
    q.prior_score,
    q.grade8_test_year,
    coalesce('q' || q.quartile, 'not_tested') as prior_achievement,
    y.days_absent / nullif(y.days_enrolled, 0) as absence_rate8,
    y.econ_disadvantaged as econ_disadvantaged8,
    y.english_learner as english_learner8,
    y.iep as iep8
from baseline_years as b
join core.fact_student_year as y on y.student_key = b.student_key and y.school_year = b.baseline_year
left join quartiles as q on q.student_key = b.student_key;
