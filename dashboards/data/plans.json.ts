// Plans page: ISP indicators at state level, enrollment by revision band (the headline, with its
// caveat), and revisits per student-year by grade.
import { emit, PUBLISHABLE_INDICATORS, publishable, read } from "./warehouse.ts";

const indicators = await read(`
  select indicator, cohort, subgroup_type, subgroup, numerator, denominator, value, ci_low, ci_high, suppressed, value_band
  from ${PUBLISHABLE_INDICATORS}
  where level = 'state' and indicator like 'isp_%'
  order by indicator, cohort, subgroup_type, subgroup`);

const bands = await read(`
  select cohort, subgroup_type, subgroup, revision_band, suppressed, value_band, graduates, enrolled_fall, value, ci_low, ci_high, caveat
  from ${publishable("marts.enrollment_by_revision_band")}
  where level = 'state'
  order by cohort, subgroup_type, subgroup, revision_band`);

// revisions and reviews per student-year, by grade (marts.plan_revisits_by_grade, protected like every published table)
const byGrade = await read(`
  select grade, first_year, last_year, student_years, revisits, value as per_student_year, suppressed
  from ${publishable("marts.plan_revisits_by_grade")}
  order by grade`);

// the latest cohort of each ISP indicator at state level: the one definition (marts.latest_cohorts)
const latest = Object.fromEntries(
  (
    await read<{ indicator: string; cohort: number }>(
      "select indicator, cohort from marts.latest_cohorts where level = 'state' and indicator like 'isp_%'",
    )
  ).map((r) => [r.indicator, r.cohort]),
);

// the adjusted effect of yearly revisits and its covariate balance (hidden numbers nulled)
const effect = await read(`
  select * from ${publishable("marts.plan_effect")}
  order by cohort = 'pooled', cohort`);
const balance = await read(`
  select cohort, covariate, label, mean_treated, mean_control, mean_control_weighted, smd_before, smd_after, suppressed
  from ${publishable("marts.plan_effect_balance")}
  order by cohort, covariate`);

// what the plans said and what happened: graduates by goal, enrollment by goal, goals met, and the
// diploma and enrollment of students with an IEP
const goals = await read(`
  select indicator, cohort, subgroup_type, subgroup, numerator, denominator, value, ci_low, ci_high, value_band
  from ${PUBLISHABLE_INDICATORS}
  where level = 'state' and (
    (subgroup_type in ('all', 'postsecondary_goal') and indicator in ('ccr_met_rate', 'ps_enrolled_fall'))
    or (subgroup_type = 'all' and indicator in ('ps_goal_four_year_met', 'ps_summer_melt', 'ps_goal_work_no_college'))
    or (subgroup_type = 'iep' and indicator in ('regular_diploma_share', 'cohort_grad_4yr', 'ps_enrolled_fall')))
  order by indicator, cohort, subgroup_type, subgroup`);

// what the plans chose, by class, for the state and every district: the readiness denominators
// are the class's graduates by the plan's latest career cluster and endorsement (their
// distribution); with readiness and fall enrollment by choice
const choices = await read(`
  select i.level, i.entity_id, coalesce(d.name, i.entity_id) as entity, i.indicator, i.cohort, i.subgroup_type,
    i.subgroup, i.numerator, i.denominator, i.value, i.ci_low, i.ci_high, i.value_band
  from ${PUBLISHABLE_INDICATORS} as i
  left join marts.districts as d on i.level = 'district' and d.district_id::varchar = i.entity_id
  where i.level in ('state', 'district') and i.subgroup_type in ('all', 'career_cluster', 'endorsement')
    and (i.indicator = 'ccr_met_rate' or (i.indicator = 'ps_enrolled_fall' and i.subgroup_type <> 'all'))
  order by i.level desc, entity, i.indicator, i.cohort, i.subgroup_type, i.subgroup`);

emit({ indicators, bands, byGrade, latest, effect, balance, goals, choices });
