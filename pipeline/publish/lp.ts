// Bounds by linear programming: the strongest interval an attacker can give a hidden count from
// the relations, the shown values, the coded bands and non-negativity. Interval propagation
// (propagate.ts: tighten) narrows one relation at a time, so where relations form cycles it can
// leave an interval wider than the one they allow together (x + y = 4, x + z = 4 and y + z <= 2
// give x >= 3, which no single relation says). Here each block of unknowns (blocks.ts) with a
// protected var is one LP, and each protected var of it is minimized and maximized (HiGHS, an
// open-source solver compiled to WebAssembly, in the npm package `highs`).
//
// Protection width: a protected count must keep at least two possible whole values. Counts are
// whole numbers, so an LP interval [2.4, 3.6] holds one value only (3): pinned.

import type { Highs } from "highs";
import * as highsModule from "highs";
import { unknownBlocks } from "./blocks.ts";
import type { AttackState } from "./propagate.ts";
import { UNBOUNDED } from "./propagate.ts";
import type { RelationSystem } from "./system.ts";

/**
 * The LP bounds run where at most this many protected counts are left open by the other attacks:
 * the hand-made releases of the tests. The golden warehouse (1,810 protected cells) took 38 s and
 * 4,038 LPs, and the LP pinned nothing propagation had not; above, the audit says it did not run.
 */
export const LP_MAX_TARGETS = Number(process.env.PATHWAYS_LP_MAX_TARGETS ?? 1_000);

/** Blocks of more unknowns than this are not solved by LP (their propagated bounds stand). */
export const LP_BLOCK_VARS = Number(process.env.PATHWAYS_LP_BLOCK_VARS ?? 2_000);

export interface LpResult {
  /** blocks with a protected unknown solved by LP */
  blocks: number;
  /** LPs solved (two per block, then two per protected unknown they leave in doubt) */
  lps: number;
  /** blocks too large to solve (LP_BLOCK_VARS) */
  skipped: number;
  /** protected unknowns (system indices) the LP bounds leave one whole value */
  pinned: number[];
}

// a CommonJS package: imported from ES modules, its default is module.exports, the loader itself
const highsLoader = (highsModule as unknown as { default: () => Promise<Highs> }).default;
let solver: Promise<Highs> | undefined;

/**
 * The LP bounds of every protected var (`guarded`) the other attacks left open: unknown (not
 * known, not pinned by the bounds) and in a block of at most `maxBlockVars` unknowns.
 */
export async function lpBounds(
  sys: RelationSystem,
  state: AttackState,
  guarded: Uint8Array,
  maxBlockVars = LP_BLOCK_VARS,
): Promise<LpResult> {
  const { lo, hi, known } = state;
  const unknown = new Uint8Array(sys.vars);
  for (let v = 0; v < sys.vars; v++) unknown[v] = !known[v] && (lo[v] as number) < (hi[v] as number) ? 1 : 0;
  const { blocks, skipped } = unknownBlocks(sys, unknown, Number.POSITIVE_INFINITY, maxBlockVars);
  const result: LpResult = { blocks: 0, lps: 0, skipped, pinned: [] };
  for (const block of blocks) {
    const targets = block.vars.filter((v) => guarded[v]);
    if (targets.length === 0) continue;
    result.blocks++;
    solver ??= highsLoader();
    const highs = await solver;
    const body = lpBody(sys, state, block.vars, block.rels, unknown);
    // two feasible points first (the sum of the targets minimized and maximized) and the truth: a
    // target they already show with two whole values between them is not pinned, and needs no
    // LP of its own (most of them)
    const seen = new Map<number, [number, number]>();
    for (const v of targets) seen.set(v, [sys.truth[v] as number, sys.truth[v] as number]);
    const objective = targets.map((v) => `x${v}`).join(" + ");
    for (const sense of ["Minimize", "Maximize"] as const) {
      const point = vertex(highs, sense, objective, body);
      result.lps++;
      if (!point) continue;
      for (const v of targets) {
        const x = point[`x${v}`];
        const range = seen.get(v);
        if (x === undefined || !range) continue;
        range[0] = Math.min(range[0], x);
        range[1] = Math.max(range[1], x);
      }
    }
    for (const v of targets) {
      const [low, high] = seen.get(v) ?? [0, 0];
      if (Math.ceil(low - 1e-6) < Math.floor(high + 1e-6)) continue;
      const min = optimum(highs, "Minimize", v, body);
      const max = optimum(highs, "Maximize", v, body);
      result.lps += 2;
      // an LP that does not solve proves nothing: the var is left as the other attacks left it
      if (min === null || max === null) continue;
      if (Math.ceil(min - 1e-6) >= Math.floor(max + 1e-6)) result.pinned.push(v);
    }
  }
  return result;
}

/** The constraints and bounds of a block in CPLEX LP format (vars named x<system index>). */
function lpBody(
  sys: RelationSystem,
  state: AttackState,
  vars: number[],
  rels: number[],
  unknown: Uint8Array,
): string {
  const lines = ["Subject To"];
  for (const r of rels) {
    let constant = 0;
    const terms: string[] = [];
    for (let t = sys.relStart[r] as number; t < (sys.relStart[r + 1] as number); t++) {
      const v = sys.termVar[t] as number;
      const coef = sys.termCoef[t] as number;
      if (unknown[v]) terms.push(`${coef < 0 ? "-" : "+"} ${Math.abs(coef)} x${v}`);
      // known (shown, recovered or pinned): its value moves the constant
      else constant += coef * (state.lo[v] as number);
    }
    lines.push(` r${r}: ${terms.join(" ")} = ${-constant}`);
  }
  lines.push("Bounds");
  for (const v of vars) {
    const high = state.hi[v] as number;
    lines.push(high >= UNBOUNDED ? ` x${v} >= ${state.lo[v]}` : ` ${state.lo[v]} <= x${v} <= ${high}`);
  }
  lines.push("End");
  return lines.join("\n");
}

/** The values of an optimal point of the objective (null if the LP does not solve). */
function vertex(
  highs: Highs,
  sense: "Minimize" | "Maximize",
  objective: string,
  body: string,
): Record<string, number> | null {
  const solution = highs.solve(`${sense}\n obj: ${objective}\n${body}`);
  if (solution.Status !== "Optimal") return null;
  return Object.fromEntries(Object.entries(solution.Columns).map(([name, c]) => [name, c.Primal]));
}

function optimum(highs: Highs, sense: "Minimize" | "Maximize", v: number, body: string): number | null {
  const solution = highs.solve(`${sense}\n obj: x${v}\n${body}`);
  return solution.Status === "Optimal" ? solution.ObjectiveValue : null;
}
