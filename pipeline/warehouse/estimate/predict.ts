// intermediate.model_predictions: every graduate's fitted probability under each logistic model,
// as one explicit linear predictor per model (intercept + coefficient x covariate + the district's
// shift) evaluated in DuckDB. Written here, not in SQL, because the covariates of each model are
// declared in fits.ts: a generic unpivot-and-join over all of them ran out of memory at 350,000 students.
import type { Db } from "../connection.ts";
import { sqlString } from "../connection.ts";
import { INTERCEPT } from "./glm.ts";

export const MODEL_PREDICTIONS_DOC = `-- intermediate.model_predictions
-- Every graduate's fitted probability under each logistic model of intermediate.model_coefficients,
-- for the class the graduate belongs to and for the pooled fit: intercept, plus each covariate
-- times its coefficient, plus the district's fixed effect (pipeline/warehouse/estimate/predict.ts).
-- grain: model x cohort x graduate; keys: model, cohort, student_key
-- columns:
--   model: the logistic model (intermediate.model_coefficients.model)
--   cohort: the fit: the graduate's class, or pooled
--   student_key: keyed HMAC-SHA256 of the district's student id
--   linear_predictor: the fitted log-odds
--   fitted: the fitted probability
create or replace table intermediate.model_predictions`;

export async function predictModels(db: Db): Promise<void> {
  await db.run(`create or replace table intermediate.model_predictions (
    model varchar, cohort varchar, student_key varchar, linear_predictor double, fitted double)`);
  const models = await db.all<{ model: string }>(
    "select distinct model from intermediate.model_coefficients where family = 'logit' order by 1",
  );
  for (const { model } of models) {
    const terms = (
      await db.all<{ term: string }>(
        `select distinct term from intermediate.model_coefficients
         where model = ${sqlString(model)} and level is null and term <> ${sqlString(INTERCEPT)} order by 1`,
      )
    ).map((r) => r.term);
    const column = (t: string) => `"${t.replaceAll('"', '""')}"`;
    await db.run(`
      create or replace temp table prediction_coefficients as
      pivot (select cohort, term, estimate from intermediate.model_coefficients
             where model = ${sqlString(model)} and level is null)
      on term using first(estimate);
      insert into intermediate.model_predictions
      with predicted as (
        select c.cohort, g.student_key,
          c.${column(INTERCEPT)} + ${terms.map((t) => `coalesce(c.${column(t)}, 0) * g.${column(t)}`).join(" + ")}
            + coalesce(d.estimate, 0) as linear_predictor
        from intermediate.graduate_covariates as g
        join prediction_coefficients as c on c.cohort in (g.cohort::varchar, 'pooled')
        left join intermediate.model_coefficients as d
          on d.model = ${sqlString(model)} and d.term = 'district' and d.cohort = c.cohort
          and d.level = case when c.cohort = 'pooled' then g.district_id || ':' || g.cohort else g.district_id::varchar end
      )
      select ${sqlString(model)}, cohort, student_key, linear_predictor, 1 / (1 + exp(-linear_predictor)) from predicted;
      drop table prediction_coefficients;`);
  }
}
