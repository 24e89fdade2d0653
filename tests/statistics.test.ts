// Interval estimates against textbook values, the SQL macros against the same functions in
// TypeScript, and the approximation used beyond the exact Poisson table against the exact limits.
import { describe, expect, it } from "vitest";
import {
  EXACT_POISSON_MAX,
  poissonLimits,
  poissonLimitsApprox,
  statisticsMacros,
  wilson,
} from "../pipeline/warehouse/statistics.ts";
import { memoryDb } from "./helpers/duck.ts";

describe("intervals", () => {
  it("gives the textbook Wilson intervals", () => {
    // 5 of 10: 0.2366-0.7634; 0 of 10: 0-0.2775 (Newcombe 1998, table I)
    expect(wilson(5, 10).map((v) => v.toFixed(4))).toEqual(["0.2366", "0.7634"]);
    expect(wilson(0, 10).map((v) => Math.max(0, v).toFixed(4))).toEqual(["0.0000", "0.2775"]);
  });

  it("gives the exact (Garwood) Poisson limits", () => {
    expect(poissonLimits(0).map((v) => v.toFixed(3))).toEqual(["0.000", "3.689"]);
    expect(poissonLimits(1).map((v) => v.toFixed(4))).toEqual(["0.0253", "5.5716"]);
    expect(poissonLimits(10).map((v) => v.toFixed(3))).toEqual(["4.795", "18.390"]);
  });

  it("stays within 0.01% of the exact limits beyond the exact table", () => {
    for (const k of [EXACT_POISSON_MAX + 1, 5000, 20_000, 250_000, 2_000_000]) {
      const exact = poissonLimits(k);
      const approx = poissonLimitsApprox(k);
      expect(Math.abs(approx[0] - exact[0]) / exact[0]).toBeLessThan(1e-4);
      expect(Math.abs(approx[1] - exact[1]) / exact[1]).toBeLessThan(1e-4);
    }
  });

  it("computes the same intervals in SQL", async () => {
    const db = await memoryDb();
    await db.run(statisticsMacros());
    const rows = await db.all<{ k: number; n: number; wl: number; wh: number; pl: number; ph: number }>(`
      select k, n, wilson_low(k, n) as wl, wilson_high(k, n) as wh, poisson_low(k) as pl, poisson_high(k) as ph
      from (values (0, 10), (5, 10), (37, 120), (1999, 4000), (2500, 9000), (300000, 600000)) t(k, n)`);
    db.close();
    for (const r of rows) {
      const [wl, wh] = wilson(r.k, r.n);
      const [pl, ph] = r.k <= EXACT_POISSON_MAX ? poissonLimits(r.k) : poissonLimitsApprox(r.k);
      expect(r.wl).toBeCloseTo(Math.max(0, wl), 12);
      expect(r.wh).toBeCloseTo(Math.min(1, wh), 12);
      expect(r.pl).toBeCloseTo(pl, 6);
      expect(r.ph).toBeCloseTo(ph, 6);
    }
  });
});
