-- marts.plan_effect
-- The effect of revisiting the ISP every year on fall enrollment, for the graduates who were
-- revisited every year (the ATT), per class and pooled over the classes: a doubly robust estimate
-- (augmented inverse-probability weighting). The propensity of yearly revisits and the chance of
-- enrollment without them are logistic models of pre-treatment covariates only (grade-8 scores and
-- attendance, demographics and program status in grade 8, the high school's career coach) with
-- district fixed effects (intermediate.model_coefficients); the estimate is the treated graduates'
-- mean of (enrolled - m0) minus the weighted mean of the same among the others. Its standard error
-- comes from the estimate's influence function summed within high schools (clustered), treating
-- the fitted models as known. It assumes no unmeasured confounding: see e_value.
-- grain: cohort; key: cohort
-- columns:
--   cohort: graduating class, or pooled (all classes; district fixed effects per class)
--   outcome: ps_enrolled_fall
--   treatment: isp_revisited_every_year (graduates with an ISP revisited in every school year enrolled in grades 8-12)
--   estimand: ATT: the average effect on the graduates who were revisited every year
--   n_treated: graduates with an ISP revisited every year (NSC-covered)
--   n_control: graduates with an ISP not revisited every year (NSC-covered)
--   treated_rate_pct: fall enrollment of the treated, percent
--   control_rate_pct: fall enrollment of the untreated, percent
--   counterfactual_rate_pct: estimated fall enrollment of the treated had their plans not been revisited every year, percent
--   raw_difference_pp: treated_rate_pct - control_rate_pct: the association, before any adjustment
--   estimate_pp: the doubly robust ATT, percentage points
--   std_error_pp: its standard error, clustered by high school
--   ci_low_pp: lower end of the 95% interval
--   ci_high_pp: upper end of the 95% interval
--   method: the method in words
--   max_abs_smd_before: largest absolute standardized mean difference of any covariate published in marts.plan_effect_balance, before weighting (a hidden row's difference is not given away as the largest)
--   max_abs_smd_after: the same after weighting (What Works Clearinghouse: at most 0.25, ideally 0.05)
--   e_value: the risk ratio an unmeasured confounder would need with both treatment and outcome, beyond the covariates, to explain the estimate away (VanderWeele and Ding)
--   e_value_ci: the same for the interval's end nearest no effect (1 when the interval includes no effect)
--   control_effective_n: effective number of untreated graduates after weighting (sum of weights squared over the sum of squared weights)
--   clusters: high schools in the sample
--   suppressed: not published (set by the disclosure step): fewer than min_n treated or untreated graduates, or the state's every-year cells of the class are not published exactly
create or replace table marts.plan_effect as
with weights as (
    select * from intermediate.plan_effect_weights
),

parts as (
    select
        cohort,
        count(*) filter (where treated) as n_treated,
        count(*) filter (where not treated) as n_control,
        avg(enrolled_fall) filter (where treated) as treated_rate,
        avg(enrolled_fall) filter (where not treated) as control_rate,
        avg(enrolled_fall - m0) filter (where treated) as treated_residual,
        sum(weight * (enrolled_fall - m0)) filter (where not treated) / sum(weight) filter (where not treated)
            as control_residual,
        sum(weight) filter (where not treated) as control_weight,
        sum(weight) filter (where not treated) ^ 2 / sum(weight ^ 2) filter (where not treated) as control_effective_n
    from weights
    group by cohort
),

influence as (
    select
        w.cohort,
        w.school_id,
        sum(case
            when w.treated then (w.enrolled_fall - w.m0 - p.treated_residual) / p.n_treated
            else -w.weight * (w.enrolled_fall - w.m0 - p.control_residual) / p.control_weight
        end) as phi
    from weights as w
    join parts as p using (cohort)
    group by all
),

variance as (
    select cohort, count(*) as clusters, count(*) / (count(*) - 1) * sum(phi ^ 2) as v
    from influence
    group by cohort
),

balance as (
    select cohort, max(abs(smd_before)) as max_abs_smd_before, max(abs(smd_after)) as max_abs_smd_after
    from marts.plan_effect_balance
    where not suppressed
    group by cohort
),

estimated as (
    select
        p.*,
        v.clusters,
        p.treated_residual - p.control_residual as effect,
        sqrt(v.v) as se
    from parts as p
    join variance as v using (cohort)
),

risk_ratios as (
    -- the effect as a risk ratio of the treated's enrollment with and without (away from 1)
    select
        *,
        case when effect >= 0 then treated_rate / nullif(treated_rate - effect, 0)
            else (treated_rate - effect) / nullif(treated_rate, 0) end as rr,
        case
            when effect >= 0 and effect - 1.959964 * se > 0 then treated_rate / nullif(treated_rate - (effect - 1.959964 * se), 0)
            when effect < 0 and effect + 1.959964 * se < 0 then (treated_rate - (effect + 1.959964 * se)) / nullif(treated_rate, 0)
            else 1
        end as rr_ci
    from estimated
)

select
    r.cohort,
    'ps_enrolled_fall' as outcome,
    'isp_revisited_every_year' as treatment,
    'ATT' as estimand,
    r.n_treated,
    r.n_control,
    100 * r.treated_rate as treated_rate_pct,
    100 * r.control_rate as control_rate_pct,
    100 * (r.treated_rate - r.effect) as counterfactual_rate_pct,
    100 * (r.treated_rate - r.control_rate) as raw_difference_pp,
    100 * r.effect as estimate_pp,
    100 * r.se as std_error_pp,
    100 * (r.effect - 1.959964 * r.se) as ci_low_pp,
    100 * (r.effect + 1.959964 * r.se) as ci_high_pp,
    'doubly robust (augmented inverse-probability weighting, ATT): logistic propensity and outcome models of '
    || 'pre-treatment covariates with district fixed effects; standard error from the influence function, clustered by high school'
        as method,
    b.max_abs_smd_before,
    b.max_abs_smd_after,
    r.rr + sqrt(r.rr * (r.rr - 1)) as e_value,
    r.rr_ci + sqrt(r.rr_ci * (r.rr_ci - 1)) as e_value_ci,
    r.control_effective_n,
    r.clusters,
    false as suppressed
from risk_ratios as r
left join balance as b using (cohort)
order by r.cohort;
