// Calibration targets: the published figures (and the labelled assumptions between them) in
// data/reference/calibration_targets.csv. The generator aims at them; tests check against the
// published ones written out independently.
import fs from "node:fs";
import path from "node:path";
import { REFERENCE_DIR } from "../config.ts";

export interface Targets {
  gradRate: Map<number, number>;
  fallEnrollment: Map<number, number>;
  ccrMet: number;
}

export function loadTargets(firstClass: number, lastClass: number): Targets {
  const text = fs.readFileSync(path.join(REFERENCE_DIR, "calibration_targets.csv"), "utf8");
  const rows = text
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(","));
  const series = (figure: string) =>
    new Map(rows.filter((r) => r[0] === figure && r[1] !== "all").map((r) => [Number(r[1]), Number(r[2])]));
  const gradRate = extend(series("grad_rate_4yr"), firstClass, lastClass);
  const fallEnrollment = extend(series("ps_enrolled_fall"), firstClass, lastClass);
  const ccr = rows.find((r) => r[0] === "ccr_met_among_graduates");
  if (!ccr) throw new Error("calibration_targets.csv has no ccr_met_among_graduates row");
  return { gradRate, fallEnrollment, ccrMet: Number(ccr[2]) };
}

/** Classes outside the table take the nearest year's value. */
function extend(series: Map<number, number>, first: number, last: number): Map<number, number> {
  const years = [...series.keys()].sort((a, b) => a - b);
  const out = new Map<number, number>();
  for (let y = first; y <= last; y++) {
    const nearest = years.reduce((best, k) => (Math.abs(k - y) < Math.abs(best - y) ? k : best));
    out.set(y, series.get(y) ?? (series.get(nearest) as number));
  }
  return out;
}

export function valuesSql(map: Map<number, number>): string {
  return [...map].map(([k, v]) => `(${k}, ${v / 100})`).join(", ");
}
