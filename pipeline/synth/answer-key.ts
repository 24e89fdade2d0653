// The answer key: what the indicators must recover from the files. "realized" figures count
// the synthetic students exactly as the generator made them (an indicator computed from the
// files must equal them); "expected" figures average the model's probabilities (sampling noise
// aside, the realized ones sit near them); "effect" is the model's own counterfactual, which
// an association in the data overstates because engaged students both revisit and enroll.
import type { Db } from "../warehouse/connection.ts";
import type { GenerateOptions } from "./options.ts";
import { nscAsOf } from "./options.ts";
import { ENROLL_MODEL } from "./postsecondary.ts";
import type { Targets } from "./targets.ts";

type Row = Record<string, unknown>;

export async function buildAnswerKey(db: Db, o: GenerateOptions, targets: Targets): Promise<Row> {
  const q = (sql: string) => db.all<Row>(sql);
  const enrollment = (by: string, where = "true") =>
    q(`select ${by} as "group", count(*)::int as graduates, count(*) filter (where fall)::int as enrolled_fall,
         round(avg(fall::int), 4) as realized_rate, round(avg(p_fall), 4) as expected_rate
       from ps_paths where ${where} group by all order by 1`);

  return {
    about:
      "Answer key of a Pathways synthetic state. realized = exact counts of the generated students; " +
      "expected = mean modelled probability; effect = the model's counterfactual. Definitions follow INDICATORS.md.",
    generator: { ...o, out: undefined, nsc_as_of: nscAsOf(o) },
    targets: {
      grad_rate_4yr: Object.fromEntries(targets.gradRate),
      ps_enrolled_fall: Object.fromEntries(targets.fallEnrollment),
      ccr_met_among_graduates: targets.ccrMet,
    },
    graduation_by_cohort: await q(`
      select cohort_class as cohort, count(*)::int as cohort_students,
        count(*) filter (where on_time_graduate)::int as on_time_graduates,
        round(avg(on_time_graduate::int), 4) as rate
      from cohort_members group by 1 order by 1`),
    graduates_by_class: await q(`
      select grad_class as class, count(*)::int as graduates,
        count(*) filter (where fall)::int as enrolled_fall,
        count(*) filter (where fall and u_fall_shape >= 0.05)::int as enrolled_oct1,
        count(*) filter (where enrolled)::int as enrolled_first_year,
        count(*) filter (where ccr_met)::int as ccr_met,
        round(avg(fall::int), 4) as fall_rate, round(avg(p_fall), 4) as expected_fall_rate
      from ps_paths group by 1 order by 1`),
    enrollment_structure: {
      model_logit_coefficients: ENROLL_MODEL,
      by_isp_every_year: await enrollment("every_year", "has_isp"),
      every_year_effect_pp: (
        await q(
          `select round(100 * avg(p_fall_if_every_year - p_fall_if_not_every_year), 2) as pp from ps_paths where has_isp`,
        )
      )[0]?.pp,
      by_revision_band: await enrollment(
        `case when revisions = 0 then 'none' when revisions <= 2 then '1-2' when revisions <= 4 then '3-4' else '5+' end`,
        "has_isp",
      ),
      by_econ_disadvantaged: await enrollment("econ_ever"),
      by_race_ethnicity: await enrollment("race_ethnicity"),
      by_locale: await enrollment("locale"),
    },
    plan_effect: await planEffect(db),
    isp: (
      await q(`
      with g7 as (
        select y.i, p.created_grade from student_years y join plan_students p using (i)
        where y.grade = 7 and not y.iep
        qualify row_number() over (partition by y.i order by y.school_year) = 1
      )
      select count(*)::int as grade7_non_iep_students,
        count(*) filter (where created_grade = 7)::int as created_by_grade7,
        (select count(*) from graduates where has_isp)::int as graduates_with_isp,
        (select count(*) from graduates where every_year)::int as graduates_revisited_every_year
      from g7`)
    )[0],
    high_grad_low_ccr_districts: await q(`
      select school_year as accountability_year, count(*)::int as districts
      from accountability_rates r join districts d on d.district_id::varchar = r.entity_id
      where r.level = 'district' and not d.charter and r.grad_rate > 75 and r.ccr_rate < 30
      group by 1 order by 1`),
    demographics_students: (
      await q(`
      select count(*)::int as students,
        round(avg((race_ethnicity = 'black')::int), 4) as black,
        round(avg((race_ethnicity = 'white')::int), 4) as white,
        round(avg((race_ethnicity = 'hispanic')::int), 4) as hispanic,
        round(avg(econ::int), 4) as econ_disadvantaged_base,
        round(avg(el::int), 4) as english_learner,
        round(avg(iep::int), 4) as iep
      from students`)
    )[0],
  };
}

/**
 * The planted effect of revisiting the plan every year on fall enrollment, per class and pooled:
 * the ATT averages each treated graduate's two modelled probabilities (revisited every year, and
 * not); the ATE does the same over every graduate with a plan. The raw difference minus the ATT is
 * the confounding an estimator must remove; `engagement_r2_grade8_scores` says how much of the
 * engagement behind it the grade-8 scores can see (the rest, and the scores' error, stays hidden).
 */
async function planEffect(db: Db): Promise<Row> {
  const effect = (by: string) => `
    select ${by} as cohort,
      count(*) filter (where every_year)::int as n_treated,
      count(*) filter (where not every_year)::int as n_control,
      round(100 * (avg(fall::int) filter (where every_year) - avg(fall::int) filter (where not every_year)), 2)
        as raw_difference_pp,
      round(100 * avg(p_fall_if_every_year - p_fall_if_not_every_year) filter (where every_year), 2)
        as every_year_effect_att_pp,
      round(100 * avg(p_fall_if_every_year - p_fall_if_not_every_year), 2) as every_year_effect_ate_pp
    from ps_paths where has_isp group by all`;
  const rows = await db.all<Row>(`${effect("grad_class::varchar")} order by 1`);
  const [pooled] = await db.all<Row>(effect("'pooled'"));
  const [seen] = await db.all<Row>(`
    with grade8 as (
      select i, (scale_score - avg(scale_score) over w) / stddev_samp(scale_score) over w as score
      from assessments where grade = 8
      window w as (partition by school_year, subject)
    ),
    per_student as (select i, avg(score) as score from grade8 group by i)
    select round(corr(p.z, g.score) ^ 2, 4) as r2, count(*)::int as n
    from ps_paths p join per_student g using (i) where p.has_isp`);
  const confounding = Number(pooled?.raw_difference_pp) - Number(pooled?.every_year_effect_att_pp);
  return {
    outcome: "ps_enrolled_fall",
    treatment: "isp_revisited_every_year (graduates with an ISP)",
    by_class: rows,
    pooled: { ...pooled, confounding_pp: Math.round(confounding * 100) / 100 },
    engagement_r2_grade8_scores: seen?.r2,
    about:
      "raw_difference_pp - every_year_effect_att_pp is the confounding: engaged students both revisit plans and enroll. " +
      "Engagement drives revisits, readiness and enrollment; grade-8 scores and attendance measure it with error " +
      "(engagement_r2_grade8_scores is the share of its variance the mean grade-8 score explains), so an adjustment " +
      "for them can remove most of the confounding, not all of it. Plans act on enrollment only through every_year.",
  };
}
