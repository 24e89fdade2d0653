-- marts.plan_effect_balance
-- Covariate balance of the plan effect (marts.plan_effect): each pre-treatment covariate's mean
-- among graduates revisited every year, among the others, and among the others weighted to look
-- like them, with the standardized mean difference before and after weighting (difference of
-- means over the pooled standard deviation of the unweighted groups; What Works Clearinghouse:
-- at most 0.25 after adjustment, ideally 0.05). Districts enter as one row: the largest of the
-- differences over all district indicators. A binary covariate with fewer than min_n graduates
-- on either side of either group is suppressed (its means would count them).
-- grain: cohort x covariate; keys: cohort, covariate
-- columns:
--   cohort: graduating class, or pooled
--   covariate: the covariate (a column of intermediate.graduate_covariates), or district
--   label: the covariate in words
--   mean_treated: mean among the treated (a share for a 0/1 covariate)
--   mean_control: mean among the untreated
--   mean_control_weighted: mean among the untreated, weighted (ATT weights)
--   smd_before: standardized mean difference, treated minus untreated, before weighting
--   smd_after: standardized mean difference after weighting
--   subgroup_type: the published group type whose graduates this covariate counts (its graduates revisited every year and not are cells of marts.enrollment_by_revision_band), or null
--   subgroups: the groups of that type it counts (other_race: the rest of those three), or null
--   suppressed: the means and differences are not published (the public export nulls them): a 0/1 covariate with fewer than min_n graduates holding, or not holding, it in a group
create or replace table marts.plan_effect_balance as
with covariates as (
    unpivot (select * exclude (cohort, district_id, school_id, has_isp) from intermediate.graduate_covariates)
    on columns(* exclude (student_key))
    into name covariate value value
),

model_terms as (
    select distinct term as covariate
    from intermediate.model_coefficients
    where model = 'revisit_propensity' and level is null and term <> '(intercept)'
),

observed as (
    select w.cohort, v.covariate, w.treated, w.weight, v.value
    from intermediate.plan_effect_weights as w
    join covariates as v using (student_key)
    join model_terms using (covariate)
),

moments as (
    select
        cohort,
        covariate,
        avg(value) filter (where treated) as mean_treated,
        avg(value) filter (where not treated) as mean_control,
        sum(weight * value) filter (where not treated) / sum(weight) filter (where not treated) as mean_control_weighted,
        sqrt((coalesce(var_samp(value) filter (where treated), 0) + coalesce(var_samp(value) filter (where not treated), 0)) / 2)
            as pooled_sd,
        bool_and(value in (0, 1)) as is_binary,
        least(
            count(*) filter (where treated and value = 1), count(*) filter (where treated and value = 0),
            count(*) filter (where not treated and value = 1), count(*) filter (where not treated and value = 0)
        ) as fewest
    from observed
    group by all
),

by_district as (
    select
        cohort,
        district_id,
        count(*) filter (where treated) / sum(count(*) filter (where treated)) over (partition by cohort) as p_treated,
        count(*) filter (where not treated) / sum(count(*) filter (where not treated)) over (partition by cohort) as p_control,
        sum(weight) filter (where not treated) / sum(sum(weight) filter (where not treated)) over (partition by cohort)
            as p_control_weighted
    from intermediate.plan_effect_weights
    group by cohort, district_id
),

district_smd as (
    select
        cohort,
        (p_treated - p_control) / nullif(sqrt((p_treated * (1 - p_treated) + p_control * (1 - p_control)) / 2), 0) as before,
        (p_treated - coalesce(p_control_weighted, 0))
            / nullif(sqrt((p_treated * (1 - p_treated) + p_control * (1 - p_control)) / 2), 0) as after
    from by_district
),

rows as (
    select
        cohort,
        covariate,
        mean_treated,
        mean_control,
        mean_control_weighted,
        (mean_treated - mean_control) / nullif(pooled_sd, 0) as smd_before,
        (mean_treated - mean_control_weighted) / nullif(pooled_sd, 0) as smd_after,
        is_binary and fewest < getvariable('min_n') as suppressed
    from moments
    union all
    select
        cohort,
        'district' as covariate,
        null, null, null,
        arg_max(before, abs(before)),
        arg_max(after, abs(after)),
        false
    from district_smd
    group by cohort
)

select
    cohort,
    covariate,
    case covariate
        when 'math8' then 'Grade-8 math score'
        when 'ela8' then 'Grade-8 ELA score'
        when 'no_grade8_score' then 'No grade-8 score'
        when 'absence_rate8' then 'Grade-8 absence rate'
        when 'no_attendance' then 'No grade-8 attendance'
        when 'female' then 'Female'
        when 'black' then 'Black'
        when 'hispanic' then 'Hispanic'
        when 'other_race' then 'Other race/ethnicity'
        when 'econ8' then 'Economically disadvantaged (grade 8)'
        when 'el8' then 'English learner (grade 8)'
        when 'iep8' then 'IEP (grade 8)'
        when 'career_coach' then 'High school has a career coach'
        when 'district' then 'District (largest difference of any district)'
        else covariate
    end as label,
    -- the counts a 0/1 covariate's means carry (its share times the group's size) are published
    -- cells where the covariate is a published group: the disclosure step shows the row only
    -- beside those cells shown exactly
    case when covariate in ('female', 'black', 'hispanic', 'white', 'other_race', 'career_coach') then
        case covariate when 'female' then 'sex' when 'career_coach' then 'career_coach' else 'race_ethnicity' end
    end as subgroup_type,
    case covariate
        when 'female' then ['F']
        when 'career_coach' then ['yes']
        when 'other_race' then ['black', 'hispanic', 'white']
        when 'black' then ['black'] when 'hispanic' then ['hispanic'] when 'white' then ['white']
    end as subgroups,
    mean_treated,
    mean_control,
    mean_control_weighted,
    smd_before,
    smd_after,
    suppressed
from rows
order by cohort, covariate;
