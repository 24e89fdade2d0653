// The models behind the adjusted comparisons, fitted at build time into
// intermediate.model_coefficients (the one model of the warehouse written in TypeScript: fitting
// iterates; everything downstream of the coefficients is SQL). See docs/warehouse.md, "Prior achievement, adjusted comparisons".
import type { Db } from "../connection.ts";
import { fitGlm, type GlmFit, type GlmSpec, INTERCEPT } from "./glm.ts";

const SAMPLE = "intermediate.graduate_covariates";

/** Grade-8 achievement, as every adjusted model sees it. */
export const PRIOR_TERMS = ["math8", "ela8", "no_grade8_score"];

/** Sex, race/ethnicity (white the reference) and program status in the baseline year. */
const DEMOGRAPHIC_TERMS = ["female", "black", "hispanic", "other_race", "econ8", "el8", "iep8"];

/**
 * Pre-treatment covariates of the plan effect: grade-8 achievement and attendance, demographics,
 * program status in the baseline year, the high school's career coach; the district enters as a
 * fixed effect. Never readiness (CCR) or anything else measured after the revisits began.
 */
export const EFFECT_TERMS = [
  ...PRIOR_TERMS,
  "absence_rate8",
  "no_attendance",
  ...DEMOGRAPHIC_TERMS,
  "career_coach",
];

/** What a school's or district's graduates would be expected to do, from who they are (no place effects). */
export const EXPECTED_TERMS = [...PRIOR_TERMS, ...DEMOGRAPHIC_TERMS];

/** The gaps adjusted for prior achievement and economic status: focal group, reference group, extra adjustment. */
export const GAPS = [
  {
    subgroup_type: "race_ethnicity",
    subgroup: "black",
    focal: "black",
    reference: "white",
    adjust: ["econ8"],
  },
  {
    subgroup_type: "race_ethnicity",
    subgroup: "hispanic",
    focal: "hispanic",
    reference: "white",
    adjust: ["econ8"],
  },
  { subgroup_type: "econ_disadvantaged", subgroup: "yes", focal: "econ_ever", reference: null, adjust: [] },
  { subgroup_type: "english_learner", subgroup: "yes", focal: "el_ever", reference: null, adjust: ["econ8"] },
  { subgroup_type: "iep", subgroup: "yes", focal: "iep_ever", reference: null, adjust: ["econ8"] },
] as const;

export const GAP_OUTCOMES = { ps_enrolled_fall: "enrolled_fall", ccr_met_rate: "ccr_met" } as const;

interface Fit {
  model: string;
  spec: Omit<GlmSpec, "by" | "fixedEffect">;
  /** District fixed effects (per class; per district and class when pooled). */
  districtEffects: boolean;
  /** Also fit all classes together as cohort 'pooled'. */
  pooled: boolean;
}

function fits(): Fit[] {
  const effectSample = `${SAMPLE} where has_isp and enrolled_fall is not null`;
  const out: Fit[] = [
    {
      model: "revisit_propensity",
      spec: {
        family: "logit",
        from: `(select * from ${effectSample})`,
        y: "revisited_every_year",
        terms: EFFECT_TERMS,
      },
      districtEffects: true,
      pooled: true,
    },
    {
      model: "enrollment_if_not_revisited",
      spec: {
        family: "logit",
        from: `(select * from ${effectSample} and revisited_every_year = 0)`,
        y: "enrolled_fall",
        terms: EFFECT_TERMS,
      },
      districtEffects: true,
      pooled: true,
    },
    {
      model: "enrollment_expected",
      spec: { family: "logit", from: SAMPLE, y: "enrolled_fall", terms: EXPECTED_TERMS },
      districtEffects: false,
      pooled: false,
    },
  ];
  for (const gap of GAPS) {
    const sample = gap.reference
      ? `(select * from ${SAMPLE} where ${gap.focal} = 1 or ${gap.reference} = 1)`
      : SAMPLE;
    for (const [indicator, outcome] of Object.entries(GAP_OUTCOMES)) {
      const adjusted = [gap.focal, ...PRIOR_TERMS, ...gap.adjust];
      for (const [kind, terms] of [
        ["raw", [gap.focal]],
        ["adjusted", adjusted],
      ] as const)
        out.push({
          model: `gap:${indicator}:${gap.subgroup_type}:${gap.subgroup}:${kind}`,
          spec: { family: "linear", from: sample, y: outcome, terms: [...terms], cluster: "school_id" },
          districtEffects: false,
          pooled: false,
        });
    }
  }
  return out;
}

/** Fit every model and write intermediate.model_coefficients. */
export async function fitModels(db: Db): Promise<void> {
  const rows: string[] = [];
  for (const fit of fits()) {
    const runs: GlmSpec[] = [
      { ...fit.spec, by: "cohort", fixedEffect: fit.districtEffects ? "district_id" : undefined },
    ];
    if (fit.pooled)
      runs.push({
        ...fit.spec,
        by: "'pooled'",
        fixedEffect: fit.districtEffects ? "district_id || ':' || cohort" : undefined,
      });
    for (const spec of runs)
      for (const result of await fitGlm(db, spec)) rows.push(...coefficientRows(fit, result));
  }
  await db.run(`create or replace table intermediate.model_coefficients (
    model varchar, family varchar, cohort varchar, term varchar, level varchar,
    estimate double, std_error double, observations integer, iterations integer, converged boolean)`);
  for (let i = 0; i < rows.length; i += 5000)
    await db.run(`insert into intermediate.model_coefficients values ${rows.slice(i, i + 5000).join(", ")}`);
}

function coefficientRows(fit: Fit, r: GlmFit): string[] {
  const q = (s: string | null) => (s === null ? "null" : `'${s.replaceAll("'", "''")}'`);
  const num = (v: number | null) => (v === null || !Number.isFinite(v) ? "null" : String(v));
  const row = (term: string, level: string | null, estimate: number, se: number | null) =>
    `(${q(fit.model)}, ${q(fit.spec.family)}, ${q(r.by)}, ${q(term)}, ${q(level)}, ${num(estimate)}, ${num(se)}, ${
      r.observations
    }, ${r.iterations}, ${r.converged})`;
  return [
    ...r.terms.map((t, j) => row(t, null, r.coefficients[j] ?? Number.NaN, r.standardErrors[j] ?? null)),
    ...[...r.levels].map(([level, shift]) => row("district", level, shift, null)),
  ];
}

export { INTERCEPT };

/** The header the data dictionary reads, as a SQL model's would be. */
export const MODEL_COEFFICIENTS_DOC = `-- intermediate.model_coefficients
-- The fitted models of the adjusted comparisons (pipeline/warehouse/estimate/fits.ts): logistic
-- regressions fitted by iteratively reweighted least squares (propensity of yearly revisits, fall
-- enrollment without them, expected enrollment) and linear probability models of the gaps with
-- standard errors clustered by high school. District fixed effects are ridge-penalized shifts.
-- grain: model x cohort x term x level
-- columns:
--   model: the model: revisit_propensity, enrollment_if_not_revisited, enrollment_expected, or gap:<indicator>:<subgroup type>:<subgroup>:<raw|adjusted>
--   family: logit (logistic regression) or linear (linear probability model)
--   cohort: graduating class the model was fitted on, or pooled (all classes, district fixed effects per class)
--   term: (intercept), a covariate column of intermediate.graduate_covariates, or district (a fixed effect)
--   level: the district (district:class when pooled) of a fixed effect; null for other terms
--   estimate: the coefficient (logits for logit models, proportions for linear ones)
--   std_error: standard error: model-based for logit models, cluster-robust by high school (CR1) for linear ones; null for fixed effects
--   observations: graduates the model was fitted on
--   iterations: iterations of the fit
--   converged: the fit converged (log-likelihood change below 1e-12 relative)
create or replace table intermediate.model_coefficients`;
