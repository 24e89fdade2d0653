-- marts.adjusted_gaps
-- Statewide gaps between student groups, first as they are (raw) and then among graduates with the
-- same grade-8 achievement (and, for the race and program groups, the same economic status): the
-- coefficient of the group in a linear probability model of the outcome, with 95% intervals from
-- standard errors clustered by high school (intermediate.model_coefficients). Black and Hispanic
-- graduates are compared with white graduates; the program groups with the graduates outside them.
-- grain: indicator x cohort x subgroup; keys: indicator, cohort, subgroup_type, subgroup
-- columns:
--   indicator: ps_enrolled_fall or ccr_met_rate
--   level: state
--   cohort: graduating class
--   subgroup_type: race_ethnicity, econ_disadvantaged, english_learner or iep
--   subgroup: the group compared (black, hispanic, or yes)
--   reference: the group it is compared with (white, or no: the graduates outside the program)
--   graduates: graduates in the two groups together (the models' observations)
--   raw_gap_pp: the group's rate minus the reference's, percentage points
--   raw_ci_low_pp: lower end of its 95% interval
--   raw_ci_high_pp: upper end of its 95% interval
--   adjusted_gap_pp: the gap among graduates with the same grade-8 scores (and economic status, where adjusted_for says so)
--   adjusted_ci_low_pp: lower end of its 95% interval
--   adjusted_ci_high_pp: upper end of its 95% interval
--   adjusted_for: the covariates held equal
--   suppressed: not published (set by the disclosure step): the group's or the reference's state cell is not published exactly
create or replace table marts.adjusted_gaps as
with gap_models as (
    select
        *,
        split_part(model, ':', 2) as indicator,
        split_part(model, ':', 3) as subgroup_type,
        split_part(model, ':', 4) as subgroup,
        split_part(model, ':', 5) as fit
    from intermediate.model_coefficients
    where model like 'gap:%'
),

focal as (
    -- the raw model's one covariate is the group's flag
    select distinct indicator, subgroup_type, subgroup, cohort, term
    from gap_models
    where fit = 'raw' and term <> '(intercept)'
),

gaps as (
    select
        f.indicator,
        f.cohort,
        f.subgroup_type,
        f.subgroup,
        any_value(r.observations) as graduates,
        any_value(r.estimate) filter (where r.fit = 'raw') as raw_gap,
        any_value(r.std_error) filter (where r.fit = 'raw') as raw_se,
        any_value(r.estimate) filter (where r.fit = 'adjusted') as adjusted_gap,
        any_value(r.std_error) filter (where r.fit = 'adjusted') as adjusted_se
    from focal as f
    join gap_models as r using (indicator, subgroup_type, subgroup, cohort, term)
    group by all
),

adjustments as (
    select indicator, subgroup_type, subgroup, cohort, string_agg(term, ', ' order by term) as adjusted_for
    from gap_models as g
    where fit = 'adjusted' and term <> '(intercept)'
        and not exists (select 1 from focal as f where f.term = g.term and f.subgroup = g.subgroup and f.subgroup_type = g.subgroup_type)
    group by all
)

select
    g.indicator,
    'state' as level,
    g.cohort::integer as cohort,
    g.subgroup_type,
    g.subgroup,
    case when g.subgroup_type = 'race_ethnicity' then 'white' else 'no' end as reference,
    g.graduates,
    100 * g.raw_gap as raw_gap_pp,
    100 * (g.raw_gap - 1.959964 * g.raw_se) as raw_ci_low_pp,
    100 * (g.raw_gap + 1.959964 * g.raw_se) as raw_ci_high_pp,
    100 * g.adjusted_gap as adjusted_gap_pp,
    100 * (g.adjusted_gap - 1.959964 * g.adjusted_se) as adjusted_ci_low_pp,
    100 * (g.adjusted_gap + 1.959964 * g.adjusted_se) as adjusted_ci_high_pp,
    replace(replace(replace(replace(a.adjusted_for, 'econ8', 'economic status in grade 8'), 'ela8', 'grade-8 ELA score'),
        'math8', 'grade-8 math score'), 'no_grade8_score', 'no grade-8 score') as adjusted_for,
    false as suppressed
from gaps as g
left join adjustments as a using (indicator, subgroup_type, subgroup, cohort)
order by g.indicator, g.cohort, g.subgroup_type, g.subgroup;
