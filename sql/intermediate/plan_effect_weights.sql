-- intermediate.plan_effect_weights
-- The sample of the plan effect with its weights: graduates with an ISP whose class NSC covers,
-- once per class and once pooled. Treated graduates (revisited every year) weigh 1; the others
-- weigh e / (1 - e), e their propensity of being revisited every year (the ATT weights: the
-- controls are reweighted to look like the treated), and carry m0, their modelled chance of fall
-- enrollment without yearly revisits (the outcome model of the doubly robust estimate).
-- grain: cohort x graduate; keys: cohort, student_key
-- columns:
--   cohort: graduating class, or pooled
--   student_key: keyed HMAC-SHA256 of the district's student id
--   school_id: the graduating high school (the cluster of the standard error)
--   district_id: the graduating district
--   treated: revisited every year in grades 8-12
--   enrolled_fall: enrolled in the fall after graduation (0 or 1)
--   propensity: modelled probability of being revisited every year (revisit_propensity)
--   m0: modelled probability of fall enrollment without yearly revisits (enrollment_if_not_revisited)
--   weight: 1 for the treated, propensity / (1 - propensity) for the others
create or replace table intermediate.plan_effect_weights as
with units as (
    select g.*, k.fit_cohort
    from intermediate.graduate_covariates as g,
        unnest([g.cohort::varchar, 'pooled']) as k (fit_cohort)
    where g.has_isp and g.enrolled_fall is not null
)

select
    u.fit_cohort as cohort,
    u.student_key,
    u.school_id,
    u.district_id,
    u.revisited_every_year = 1 as treated,
    u.enrolled_fall,
    e.fitted as propensity,
    m.fitted as m0,
    case when u.revisited_every_year = 1 then 1.0 else e.fitted / (1 - e.fitted) end as weight
from units as u
join intermediate.model_predictions as e
    on e.model = 'revisit_propensity' and e.cohort = u.fit_cohort and e.student_key = u.student_key
join intermediate.model_predictions as m
    on m.model = 'enrollment_if_not_revisited' and m.cohort = u.fit_cohort and m.student_key = u.student_key;
