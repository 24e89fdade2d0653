// Generalized linear models fitted inside DuckDB: each iteration of iteratively reweighted least
// squares is one set-based query that returns the sufficient statistics (X'WX, X'Wz) per cohort and
// per fixed-effect level; JavaScript only solves the small system. Fixed effects (one intercept
// shift per district) are solved by their Schur complement, so thousands of levels cost no more
// than a few covariates, and a ridge penalty on them keeps a level whose students all share one
// outcome (complete separation) finite. Checked against R's glm() in tests/glm.test.ts.
import { createRequire } from "node:module";
import type { Matrix as MatrixType } from "ml-matrix";

// ml-matrix, loaded on first use: only a build fits models, and every CLI command would pay for it
type MlMatrix = typeof import("ml-matrix");
let mlMatrix: MlMatrix | undefined;
const matrices = (): MlMatrix => (mlMatrix ??= createRequire(import.meta.url)("ml-matrix") as MlMatrix);

import type { Db } from "../connection.ts";
import { sqlString } from "../connection.ts";

export interface GlmSpec {
  family: "logit" | "linear";
  /** A table or subquery holding one row per unit. */
  from: string;
  /** SQL expression of the outcome (0/1 for logit). */
  y: string;
  /** Numeric covariate columns; an intercept is always added. */
  terms: string[];
  /** SQL expression naming the fit a row belongs to (e.g. the cohort): one model per value. */
  by: string;
  /** SQL expression naming the row's fixed-effect level (e.g. the district): one shift per level. */
  fixedEffect?: string;
  /** Ridge penalty on the fixed effects (default 1: a N(0, 1) prior on each shift, in logits). */
  ridge?: number;
  /** SQL expression naming the row's cluster: cluster-robust standard errors (models without fixed effects). */
  cluster?: string;
  maxIterations?: number;
}

export interface GlmFit {
  by: string;
  terms: string[];
  coefficients: number[];
  standardErrors: number[];
  /** Fixed-effect shifts by level. */
  levels: Map<string, number>;
  observations: number;
  iterations: number;
  converged: boolean;
  /** (X'WX)^-1 of the dense terms at the solution (with the fixed effects partialled out). */
  inverse: MatrixType;
}

export const INTERCEPT = "(intercept)";

interface Stats {
  n: number;
  sw: number;
  /** Sum of w * x_j (x_0 = 1). */
  sx: number[];
  /** Sum of w * x_j * x_k, j <= k, row by row. */
  sxx: number[];
  sz: number;
  szx: number[];
}

/** Fit one model per value of `by`. */
export async function fitGlm(db: Db, spec: GlmSpec): Promise<GlmFit[]> {
  if (spec.cluster && spec.fixedEffect)
    throw new Error("cluster-robust standard errors are implemented for models without fixed effects");
  const p = spec.terms.length + 1;
  const x = (j: number) => (j === 0 ? "1.0" : `x${j}`);
  const pairs: [number, number][] = [];
  for (let j = 0; j < p; j++) for (let k = j; k < p; k++) pairs.push([j, k]);
  const source = `(select (${spec.by})::varchar as by_value, ${
    spec.fixedEffect ? `(${spec.fixedEffect})::varchar` : "''"
  } as level, ${spec.cluster ? `(${spec.cluster})::varchar` : "''"} as cluster, (${spec.y})::double as y, ${spec.terms.map((t, j) => `(${t})::double as x${j + 1}`).join(", ")}
    from ${spec.from})`;
  await db.run(`create or replace temp table glm_rows as select * from ${source} where y is not null`);
  const fits = new Map<string, GlmFit>();
  const maxIterations = spec.maxIterations ?? (spec.family === "linear" ? 1 : 30);
  const ridge = spec.fixedEffect ? (spec.ridge ?? 1) : 0;
  let converged = new Set<string>();
  const previousLoglik = new Map<string, number>();
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    await loadCoefficients(db, fits, p);
    const eta = `b.c0 + ${spec.terms.map((_, j) => `b.c${j + 1} * r.x${j + 1}`).join(" + ")} + coalesce(a.shift, 0)`;
    const working =
      spec.family === "logit"
        ? `mu * (1 - mu) as w, eta + (y - mu) / (mu * (1 - mu)) as z`
        : `1.0 as w, y as z`;
    const rows = await db.all<Record<string, number | string>>(`
      with predicted as (
        select r.*, ${iteration === 1 ? "0.0" : eta} as eta
        from glm_rows r
        ${iteration === 1 ? "" : "join glm_beta b using (by_value) left join glm_shift a using (by_value, level)"}
      ),
      working as (
        select *, 1 / (1 + exp(-greatest(least(eta, 30), -30))) as mu from predicted
      ),
      weighted as (select *, ${working} from working)
      select by_value, level, count(*)::double as n, sum(w) as sw,
        sum(case when y > 0.5 then ln(greatest(mu, 1e-300)) else ln(greatest(1 - mu, 1e-300)) end) as loglik,
        ${pairs.map(([j, k]) => `sum(w * ${x(j)} * ${x(k)}) as s${j}_${k}`).join(", ")},
        sum(w * z) as sz, ${Array.from({ length: p }, (_, j) => `sum(w * z * ${x(j)}) as sz${j}`).join(", ")}
      from weighted group by all order by all`);
    const byGroup = new Map<string, Map<string, Stats>>();
    const loglik = new Map<string, number>();
    for (const r of rows) {
      loglik.set(String(r.by_value), (loglik.get(String(r.by_value)) ?? 0) + Number(r.loglik));
      const stats: Stats = {
        n: Number(r.n),
        sw: Number(r.sw),
        sx: Array.from({ length: p }, (_, j) => Number(r[`s0_${j}`])),
        sxx: pairs.map(([j, k]) => Number(r[`s${j}_${k}`])),
        sz: Number(r.sz),
        szx: Array.from({ length: p }, (_, j) => Number(r[`sz${j}`])),
      };
      const by = String(r.by_value);
      if (!byGroup.has(by)) byGroup.set(by, new Map());
      byGroup.get(by)?.set(String(r.level), stats);
    }
    const next = new Set<string>();
    for (const [by, levels] of byGroup) {
      if (converged.has(by)) continue;
      const solved = solve(levels, pairs, p, ridge, Boolean(spec.fixedEffect));
      // R's rule on the deviance (glm.control), tighter: the log-likelihood at the previous
      // coefficients barely moved
      const ll = loglik.get(by) ?? 0;
      const before = previousLoglik.get(by);
      previousLoglik.set(by, ll);
      const done =
        spec.family === "linear" ||
        (before !== undefined && Math.abs(ll - before) / (Math.abs(ll) + 0.1) < 1e-12);
      fits.set(by, {
        by,
        terms: [INTERCEPT, ...spec.terms],
        coefficients: solved.coefficients,
        standardErrors: solved.standardErrors,
        levels: solved.levels,
        inverse: solved.inverse,
        observations: [...levels.values()].reduce((s, l) => s + l.n, 0),
        iterations: iteration,
        converged: done,
      });
      if (done) next.add(by);
    }
    converged = new Set([...converged, ...next]);
    if ([...byGroup.keys()].every((b) => converged.has(b))) break;
  }
  if (spec.cluster) await clusterStandardErrors(db, spec, fits, p);
  await db.run(
    "drop table if exists glm_rows; drop table if exists glm_beta; drop table if exists glm_shift",
  );
  return [...fits.values()].sort((a, b) => a.by.localeCompare(b.by));
}

/** Solve the penalized normal equations: dense block by the Schur complement of the diagonal fixed-effect block. */
function solve(
  levels: Map<string, Stats>,
  pairs: [number, number][],
  p: number,
  ridge: number,
  fixed: boolean,
) {
  const { CholeskyDecomposition, Matrix } = matrices();
  const C = Matrix.zeros(p, p);
  const rx = new Array<number>(p).fill(0);
  for (const s of levels.values()) {
    pairs.forEach(([j, k], i) => {
      C.set(j, k, C.get(j, k) + (s.sxx[i] ?? 0));
      if (j !== k) C.set(k, j, C.get(k, j) + (s.sxx[i] ?? 0));
    });
    s.szx.forEach((v, j) => {
      rx[j] = (rx[j] ?? 0) + v;
    });
  }
  if (fixed) {
    // S = C - sum_g b_g b_g' / d_g; rhs = rx - sum_g b_g r_g / d_g (b_g: level g's row of D'WX)
    for (const s of levels.values()) {
      const d = s.sw + ridge;
      for (let j = 0; j < p; j++) {
        rx[j] = (rx[j] ?? 0) - ((s.sx[j] ?? 0) * s.sz) / d;
        for (let k = 0; k < p; k++) C.set(j, k, C.get(j, k) - ((s.sx[j] ?? 0) * (s.sx[k] ?? 0)) / d);
      }
    }
  }
  // a covariate that never varies in this sample (no student missing attendance, say) gets a zero
  // coefficient from a vanishing ridge instead of making the system singular; its standard error is null
  const constant = Array.from(
    { length: p },
    (_, j) => j > 0 && C.get(j, j) < 1e-9 * Math.max(1, C.get(0, 0)),
  );
  for (let j = 1; j < p; j++) C.set(j, j, C.get(j, j) + 1e-8);
  const cholesky = new CholeskyDecomposition(C);
  if (!cholesky.isPositiveDefinite())
    throw new Error("the model's covariates are collinear (or a covariate never varies) in this sample");
  const coefficients = cholesky.solve(Matrix.columnVector(rx)).getColumn(0);
  const inverse = cholesky.solve(Matrix.eye(p));
  const standardErrors = Array.from({ length: p }, (_, j) =>
    constant[j] ? Number.NaN : Math.sqrt(Math.max(0, inverse.get(j, j))),
  );
  const shifts = new Map<string, number>();
  if (fixed)
    for (const [level, s] of levels) {
      const fitted = s.sx.reduce((sum, v, j) => sum + v * (coefficients[j] ?? 0), 0);
      shifts.set(level, (s.sz - fitted) / (s.sw + ridge));
    }
  return { coefficients, standardErrors, levels: shifts, inverse };
}

async function loadCoefficients(db: Db, fits: Map<string, GlmFit>, p: number): Promise<void> {
  const cols = Array.from({ length: p }, (_, j) => `c${j} double`).join(", ");
  await db.run(`create or replace temp table glm_beta (by_value varchar, ${cols});
    create or replace temp table glm_shift (by_value varchar, level varchar, shift double)`);
  if (fits.size === 0) return;
  const beta = [...fits.values()]
    .map((f) => `(${sqlString(f.by)}, ${f.coefficients.map(literal).join(", ")})`)
    .join(", ");
  await db.run(`insert into glm_beta values ${beta}`);
  const shifts = [...fits.values()].flatMap((f) =>
    [...f.levels].map(([level, v]) => `(${sqlString(f.by)}, ${sqlString(level)}, ${literal(v)})`),
  );
  for (let i = 0; i < shifts.length; i += 5000)
    await db.run(`insert into glm_shift values ${shifts.slice(i, i + 5000).join(", ")}`);
}

const literal = (v: number) => (Number.isFinite(v) ? v.toExponential(17) : "null");

/**
 * Cluster-robust (CR1) standard errors of a linear model: (X'X)^-1 (sum_c s_c s_c') (X'X)^-1,
 * scaled by G/(G-1) (N-1)/(N-K), where s_c sums x_i e_i over cluster c, as Stata's vce(cluster).
 */
async function clusterStandardErrors(
  db: Db,
  spec: GlmSpec,
  fits: Map<string, GlmFit>,
  p: number,
): Promise<void> {
  await loadCoefficients(db, fits, p);
  const x = (j: number) => (j === 0 ? "1.0" : `r.x${j}`);
  const residual = `(r.y - (b.c0 + ${spec.terms.map((_, j) => `b.c${j + 1} * r.x${j + 1}`).join(" + ")}))`;
  const scores = await db.all<Record<string, number | string>>(`
    select r.by_value, r.cluster, ${Array.from({ length: p }, (_, j) => `sum(${x(j)} * ${residual}) as s${j}`).join(", ")}
    from glm_rows r join glm_beta b using (by_value) group by all`);
  for (const fit of fits.values()) {
    const mine = scores.filter((s) => s.by_value === fit.by);
    const meat = matrices().Matrix.zeros(p, p);
    for (const s of mine) {
      const v = Array.from({ length: p }, (_, j) => Number(s[`s${j}`]));
      for (let j = 0; j < p; j++)
        for (let k = 0; k < p; k++) meat.set(j, k, meat.get(j, k) + (v[j] ?? 0) * (v[k] ?? 0));
    }
    const g = mine.length;
    const n = fit.observations;
    const bread = fit.inverse;
    const v = bread
      .mmul(meat)
      .mmul(bread)
      .mul((g / (g - 1)) * ((n - 1) / (n - p)));
    fit.standardErrors = Array.from({ length: p }, (_, j) => Math.sqrt(Math.max(0, v.get(j, j))));
  }
}
