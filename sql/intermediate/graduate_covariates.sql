-- intermediate.graduate_covariates
-- One row per graduate with the outcomes, the treatment and the pre-treatment covariates of the
-- adjusted comparisons, as numbers a model can read (flags 0/1; a missing score or attendance is
-- 0 with a flag saying it is missing). Nothing measured after grade 8 is a covariate except the
-- school the student graduated from (its district, its career coach).
-- grain: graduate; key: student_key
-- columns:
--   student_key: keyed HMAC-SHA256 of the district's student id
--   cohort: graduating class
--   district_id: district the student graduated in (the fixed effect of the effect models)
--   school_id: school the student graduated from (the cluster of the standard errors)
--   has_isp: the graduate has an ISP (the sample of the plan effect)
--   revisited_every_year: treatment: the ISP was revisited in every school year enrolled in grades 8-12
--   enrolled_fall: outcome: enrolled in the fall after graduation (null when NSC does not cover the class and district)
--   ccr_met: met the college-and-career-readiness benchmark with the diploma
--   math8: grade-8 math score, standardized (0 when missing)
--   ela8: grade-8 ELA score, standardized (0 when missing)
--   no_grade8_score: 1 when the graduate has no grade-8 math or no grade-8 ELA score
--   absence_rate8: share of baseline-year days absent, in tenths (1 = 10% of days; 0 when missing)
--   no_attendance: 1 when the baseline year reports no attendance
--   female: 1 for female
--   black: 1 for Black (race/ethnicity as in core.dim_student)
--   hispanic: 1 for Hispanic
--   other_race: 1 for Asian, American Indian, Pacific Islander, two or more races, or unknown (white is the reference)
--   white: 1 for white
--   econ8: economically disadvantaged in the baseline year
--   el8: an English learner in the baseline year
--   iep8: had an IEP in the baseline year
--   career_coach: the graduating high school has a career coach
--   econ_ever: economically disadvantaged in any year (the subgroup the indicators publish)
--   el_ever: an English learner in any year
--   iep_ever: had an IEP in any year
create or replace table intermediate.graduate_covariates as
select
    o.student_key,
    o.grad_class as cohort,
    o.district_id,
    o.school_id,
    o.has_isp,
    o.revisited_every_year::integer as revisited_every_year,
    case when o.nsc_covered then o.enrolled_fall::integer end as enrolled_fall,
    o.ccr_met::integer as ccr_met,
    coalesce(b.math8_z, 0) as math8,
    coalesce(b.ela8_z, 0) as ela8,
    (b.math8_z is null or b.ela8_z is null)::integer as no_grade8_score,
    coalesce(10 * b.absence_rate8, 0) as absence_rate8,
    (b.absence_rate8 is null)::integer as no_attendance,
    (o.sex = 'F')::integer as female,
    (o.race_ethnicity = 'black')::integer as black,
    (o.race_ethnicity = 'hispanic')::integer as hispanic,
    (coalesce(o.race_ethnicity, 'unknown') not in ('black', 'hispanic', 'white'))::integer as other_race,
    (o.race_ethnicity = 'white')::integer as white,
    coalesce(b.econ_disadvantaged8, false)::integer as econ8,
    coalesce(b.english_learner8, false)::integer as el8,
    coalesce(b.iep8, false)::integer as iep8,
    coalesce(o.career_coach, false)::integer as career_coach,
    o.econ_disadvantaged_ever::integer as econ_ever,
    o.english_learner_ever::integer as el_ever,
    o.iep_ever::integer as iep_ever
from marts.student_outcomes as o
left join intermediate.student_baseline as b using (student_key);
