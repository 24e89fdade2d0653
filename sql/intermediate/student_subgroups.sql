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
--   career_cluster: the latest career cluster the plan states, as a code (lower case, words joined by _: "Health Science" is health_science); other when fewer than min_n graduates statewide (all classes) chose that value, since the field is free text and a rare value could name someone; not_stated, no_plan as for the goal
--   endorsement: the latest diploma endorsement the plan states; not_stated, no_plan as for the goal
create or replace table intermediate.student_subgroups as
with clusters as (
    select
        student_key,
        nullif(trim(regexp_replace(lower(career_cluster), '[^a-z0-9]+', '_', 'g'), '_'), '') as cluster_code
    from marts.student_plans
),

common_clusters as (
    -- values enough graduates chose to publish as groups of their own
    select c.cluster_code
    from clusters as c
    join core.dim_student as s using (student_key)
    where s.graduated and c.cluster_code is not null
    group by c.cluster_code
    having count(*) >= getvariable('min_n')
)

select
    s.student_key,
    coalesce(race_ethnicity, 'unknown') as race_ethnicity,
    coalesce(sex, 'unknown') as sex,
    case when econ_disadvantaged_ever then 'yes' else 'no' end as econ_disadvantaged,
    case when english_learner_ever then 'yes' else 'no' end as english_learner,
    case when iep_ever then 'yes' else 'no' end as iep,
    coalesce(b.prior_achievement, 'not_tested') as prior_achievement,
    case when not p.has_isp then 'no_plan' else coalesce(p.postsecondary_goal, 'not_stated') end as postsecondary_goal,
    case
        when not p.has_isp then 'no_plan'
        when c.cluster_code is null then 'not_stated'
        when c.cluster_code in (select cluster_code from common_clusters) then c.cluster_code
        else 'other'
    end as career_cluster,
    case when not p.has_isp then 'no_plan' else coalesce(p.endorsement, 'not_stated') end as endorsement
from core.dim_student as s
left join intermediate.student_baseline as b using (student_key)
left join marts.student_plans as p using (student_key)
left join clusters as c using (student_key);
