-- intermediate.model_predictions
-- Every graduate's fitted probability under each logistic model of intermediate.model_coefficients,
-- for the class the graduate belongs to and for the pooled fit: intercept, plus each covariate
-- times its coefficient, plus the district's fixed effect.
-- grain: model x cohort x graduate; keys: model, cohort, student_key
-- columns:
--   model: the logistic model (intermediate.model_coefficients.model)
--   cohort: the fit: the graduate's class, or pooled
--   student_key: keyed HMAC-SHA256 of the district's student id
--   linear_predictor: the fitted log-odds
--   fitted: the fitted probability
create or replace table intermediate.model_predictions as
with covariates as (
    unpivot (select * exclude (cohort, district_id, school_id, has_isp) from intermediate.graduate_covariates)
    on columns(* exclude (student_key))
    into name term value value
),

fits as (
    select distinct model, cohort as fit_cohort
    from intermediate.model_coefficients
    where family = 'logit'
),

units as (
    select f.model, f.fit_cohort, g.student_key, g.cohort, g.district_id
    from fits as f
    join intermediate.graduate_covariates as g on f.fit_cohort in (g.cohort::varchar, 'pooled')
),

slopes as (
    select u.model, u.fit_cohort, u.student_key, sum(c.estimate * v.value) as xb
    from units as u
    join covariates as v using (student_key)
    join intermediate.model_coefficients as c
        on c.model = u.model and c.cohort = u.fit_cohort and c.term = v.term and c.level is null
    group by all
),

predicted as (
    select
        u.model,
        u.fit_cohort as cohort,
        u.student_key,
        i.estimate + coalesce(s.xb, 0) + coalesce(d.estimate, 0) as linear_predictor
    from units as u
    join intermediate.model_coefficients as i
        on i.model = u.model and i.cohort = u.fit_cohort and i.term = '(intercept)'
    left join slopes as s on s.model = u.model and s.fit_cohort = u.fit_cohort and s.student_key = u.student_key
    left join intermediate.model_coefficients as d
        on d.model = u.model and d.cohort = u.fit_cohort and d.term = 'district'
        and d.level = case when u.fit_cohort = 'pooled' then u.district_id || ':' || u.cohort else u.district_id::varchar end
)

select *, 1 / (1 + exp(-linear_predictor)) as fitted
from predicted;
