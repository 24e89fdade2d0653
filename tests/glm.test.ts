// The model code against R: glm() with and without district fixed effects, and lm() with
// cluster-robust (CR1) standard errors computed in R by matrix algebra (tests/fixtures/glm/make.R).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../pipeline/warehouse/connection.ts";
import { fitGlm, type GlmFit } from "../pipeline/warehouse/estimate/glm.ts";
import { memoryDb } from "./helpers/duck.ts";

const FIXTURE = path.resolve("tests/fixtures/glm");
// biome-ignore lint/suspicious/noExplicitAny: R's output read back as JSON
const R: Record<string, any> = JSON.parse(fs.readFileSync(path.join(FIXTURE, "reference.json"), "utf8"));
let db: Db;

beforeAll(async () => {
  db = await memoryDb();
  await db.run(`create table d as select * from read_csv('${FIXTURE}/data.csv', header = true)`);
});
afterAll(() => db.close());

function close(actual: number[], expected: number[], digits: number): void {
  for (const [i, e] of expected.entries()) expect(actual[i]).toBeCloseTo(e, digits);
}

describe("fitGlm", () => {
  it("matches R's glm(binomial) with a fixed effect per district (ridge ~ 0), per cohort", async () => {
    const fits = await fitGlm(db, {
      family: "logit",
      from: "d",
      y: "y",
      terms: ["x1", "x2"],
      by: "cohort",
      fixedEffect: "g",
      ridge: 1e-9,
    });
    expect(fits.map((f) => f.by)).toEqual(["2023", "2024"]);
    for (const fit of fits) {
      const r = R[fit.by].logit_fe;
      expect(fit.converged).toBe(true);
      close(fit.coefficients.slice(1), [r.x1, r.x2], 6);
      // fitted probabilities: intercept + slopes + the district's shift
      const rows = await db.all<{ x1: number; x2: number; g: string }>(
        `select x1::double as x1, x2::double as x2, g from d where id in (${r.ids_first_10.join(", ")}) order by id`,
      );
      const fitted = rows.map((row) => probability(fit, row));
      close(fitted, r.fitted_first_10, 6);
    }
  });

  it("matches glm(binomial) coefficients and standard errors without fixed effects", async () => {
    const fits = await fitGlm(db, { family: "logit", from: "d", y: "y", terms: ["x1", "x2"], by: "cohort" });
    for (const fit of fits) {
      close(fit.coefficients, R[fit.by].logit.coef, 7);
      close(fit.standardErrors, R[fit.by].logit.se, 7);
    }
  });

  it("matches lm() with cluster-robust (CR1) standard errors", async () => {
    const fits = await fitGlm(db, {
      family: "linear",
      from: "d",
      y: "yc",
      terms: ["x1", "x2"],
      by: "cohort",
      cluster: "cluster",
    });
    for (const fit of fits) {
      close(fit.coefficients, R[fit.by].ols_cluster.coef, 6);
      close(fit.standardErrors, R[fit.by].ols_cluster.se, 6);
    }
  });

  it("keeps a district whose students all share one outcome finite (ridge)", async () => {
    await db.run(
      "create or replace table sep as select * replace (case when g = 'd01' then 1 else y end as y) from d",
    );
    const [fit] = await fitGlm(db, {
      family: "logit",
      from: "sep",
      y: "y",
      terms: ["x1"],
      by: "'all'",
      fixedEffect: "g",
    });
    expect(fit?.converged).toBe(true);
    const shift = fit?.levels.get("d01") ?? Number.NaN;
    expect(Number.isFinite(shift)).toBe(true);
    expect(shift).toBeGreaterThan(1);
  });
});

function probability(fit: GlmFit, row: { x1: number; x2: number; g: string }): number {
  const [b0, b1, b2] = fit.coefficients as [number, number, number];
  const eta = b0 + b1 * row.x1 + b2 * row.x2 + (fit.levels.get(row.g) ?? 0);
  return 1 / (1 + Math.exp(-eta));
}
