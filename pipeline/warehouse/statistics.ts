// Interval estimates as SQL macros, so the models compute them set-based in DuckDB.
// Proportions: the Wilson score interval. Counts (rates per student-year): the exact Poisson
// interval, whose limits are gamma quantiles; DuckDB has no gamma quantile, so the exact limits
// for counts up to EXACT_POISSON_MAX are computed here with @stdlib and loaded as a table, and
// larger counts use the Wilson-Hilferty cube-root approximation (tests/statistics.test.ts
// measures its distance from the exact limits: under 0.01% beyond EXACT_POISSON_MAX).
import { createRequire } from "node:module";

type GammaQuantile = typeof import("@stdlib/stats-base-dists-gamma-quantile");
let gammaModule: GammaQuantile | undefined;
/** @stdlib's gamma quantile, loaded on first use (every CLI command would pay for it at start). */
function gammaQuantile(p: number, shape: number, rate: number): number {
  gammaModule ??= createRequire(import.meta.url)("@stdlib/stats-base-dists-gamma-quantile") as GammaQuantile;
  return gammaModule(p, shape, rate);
}

/** Two-sided 95%: the 0.975 quantile of the standard normal. */
export const Z95 = 1.959963984540054;
export const EXACT_POISSON_MAX = 2000;

/** Exact 95% limits for a Poisson count k (Garwood): gamma quantiles with rate 1. */
export function poissonLimits(k: number): [number, number] {
  const lower = k === 0 ? 0 : gammaQuantile(0.025, k, 1);
  return [lower, gammaQuantile(0.975, k + 1, 1)];
}

/** The Wilson-Hilferty approximation of the same limits, as the SQL below computes it. */
export function poissonLimitsApprox(k: number): [number, number] {
  const cube = (v: number, sign: number) => v * (1 - 1 / (9 * v) + (sign * Z95) / (3 * Math.sqrt(v))) ** 3;
  return [k === 0 ? 0 : cube(k, -1), cube(k + 1, 1)];
}

export function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const z2 = Z95 * Z95;
  const center = p + z2 / (2 * n);
  const half = Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [(center - half) / (1 + z2 / n), (center + half) / (1 + z2 / n)];
}

/**
 * SQL defining wilson_low/high(k, n) and poisson_low/high(k) (limits of the count k). The exact
 * Poisson limits are lists indexed by the count, written in exponent notation so DuckDB reads each
 * as the same double (a plain decimal literal would become a DECIMAL and lose digits).
 */
export function statisticsMacros(): string {
  const z = Z95;
  // counts arrive as integers (int32 for literals): compute in double so 4 n^2 cannot overflow
  const p = "(k::double / n::double)";
  const n = "n::double";
  const wilson = (sign: "-" | "+") =>
    `case when n > 0 then (${p} + ${z * z} / (2 * ${n}) ${sign} ${z} * sqrt(${p} * (1 - ${p}) / ${n} + ${z * z} / (4 * ${n} * ${n}))) / (1 + ${z * z} / ${n}) end`;
  const lower: string[] = [];
  const upper: string[] = [];
  for (let k = 0; k <= EXACT_POISSON_MAX; k++) {
    const [l, u] = poissonLimits(k);
    lower.push(l.toExponential());
    upper.push(u.toExponential());
  }
  const list = (values: string[]) => `[${values.join(", ")}]`;
  const cube = (v: string, sign: "-" | "+") =>
    `${v} * pow(1 - 1 / (9 * ${v}) ${sign} ${z} / (3 * sqrt(${v})), 3)`;
  return `create or replace temp macro wilson_low(k, n) as greatest(0, ${wilson("-")});
create or replace temp macro wilson_high(k, n) as least(1, ${wilson("+")});
create or replace temp macro poisson_low(k) as case
  when k = 0 then 0
  when k <= ${EXACT_POISSON_MAX} then ${list(lower)}[k::integer + 1]
  else ${cube("k", "-")} end;
create or replace temp macro poisson_high(k) as case
  when k <= ${EXACT_POISSON_MAX} then ${list(upper)}[k::integer + 1]
  else ${cube("(k + 1)", "+")} end;
`;
}
