-- intermediate.student_subgroups
-- The subgroups a student belongs to wherever the student is counted, as the indicators publish
-- them: the one definition of each student subgroup value (the indicators, the revision bands and
-- the gaps all reach these values through intermediate.indicator_cells). Subgroups that depend on
-- where a student is counted (locale, career coach, revision band) come with each indicator's unit.
-- grain: student; key: student_key
-- columns:
--   student_key: keyed HMAC-SHA256 of the district's student id
--   race_ethnicity: the most frequent race/ethnicity across the student's years (core.dim_student), unknown when none is recorded
--   sex: the most recent sex recorded, unknown when none
--   econ_disadvantaged: yes when economically disadvantaged in any year, else no
--   english_learner: yes when an English learner in any year, else no
--   iep: yes when the student had an IEP in any year, else no
--   prior_achievement: grade-8 achievement quartile (intermediate.student_baseline): q1 (lowest) to q4, or not_tested
--   postsecondary_goal: the latest goal the student's plan states (marts.student_plans), not_stated when the plan states none, no_plan without a plan
create or replace table intermediate.student_subgroups as
select
    s.student_key,
    coalesce(race_ethnicity, 'unknown') as race_ethnicity,
    coalesce(sex, 'unknown') as sex,
    case when econ_disadvantaged_ever then 'yes' else 'no' end as econ_disadvantaged,
    case when english_learner_ever then 'yes' else 'no' end as english_learner,
    case when iep_ever then 'yes' else 'no' end as iep,
    coalesce(b.prior_achievement, 'not_tested') as prior_achievement,
    case when not p.has_isp then 'no_plan' else coalesce(p.postsecondary_goal, 'not_stated') end as postsecondary_goal
from core.dim_student as s
left join intermediate.student_baseline as b using (student_key)
left join marts.student_plans as p using (student_key);
