// The attacker's two fixed points over a RelationSystem (see audit.ts for what they mean).
// Subtraction keeps the rounds it had when the attack ran in SQL: each round reads what the round
// before left, and its finds take effect together at its end, so the relation recorded as giving a
// var away is the lowest-numbered of its round, in whatever order relations are visited. The
// bounds attack sweeps the relations in index order, each moved bound taking effect at once, until
// no relation moves any bound: interval propagation reaches the same greatest fixed point in any
// order it visits the relations (each relation only narrows, and narrows more from narrower
// bounds), so its pins, and the relation recorded as pinning each (chosen from the final bounds),
// are those of the SQL rounds (in about half as many sweeps as there were rounds).
import { unknownBlocks } from "./blocks.ts";
import { determinedVars, PRIME } from "./gauss.ts";
import type { RelationSystem } from "./system.ts";

/** No count is this large; stands for "no upper bound". */
export const UNBOUNDED = 1e15;

/** What the attacker knows of each var: its bounds, and whether subtraction has recovered it. */
export interface AttackState {
  lo: Float64Array;
  hi: Float64Array;
  /** shown, or recovered by subtraction */
  known: Uint8Array;
  /** the relation (index) that pinned the var (subtraction: the one that gave it away), or -1 */
  why: Int32Array;
}

/** The attacker's starting point: shown vars exactly, the others within [lo, hi]. */
export function startState(lo: Float64Array, hi: Float64Array, shown: Uint8Array): AttackState {
  return { lo, hi, known: shown.slice(), why: new Int32Array(lo.length).fill(-1) };
}

/** Subtraction to a fixed point: a relation with one unknown term gives it away. Returns the rounds. */
export function subtract(sys: RelationSystem, s: AttackState): number {
  const { relStart, termVar, varStart, varRel, truth } = sys;
  const unknown = new Int32Array(sys.rels);
  for (let r = 0; r < sys.rels; r++)
    for (let t = relStart[r] as number; t < (relStart[r + 1] as number); t++)
      if (!s.known[termVar[t] as number]) unknown[r] = (unknown[r] as number) + 1;

  const relSeen = new Int32Array(sys.rels);
  const found = new Int32Array(sys.vars).fill(-1);
  let changed: number[] = [];
  for (let v = 0; v < sys.vars; v++) if (s.known[v]) changed.push(v);
  for (let round = 1; ; round++) {
    const recovered: number[] = [];
    for (const v of changed)
      for (let i = varStart[v] as number; i < (varStart[v + 1] as number); i++) {
        const r = varRel[i] as number;
        if (relSeen[r] === round || unknown[r] !== 1) continue;
        relSeen[r] = round;
        let u = -1;
        for (let t = relStart[r] as number; t < (relStart[r + 1] as number); t++)
          if (!s.known[termVar[t] as number]) u = termVar[t] as number;
        const before = found[u] as number;
        if (before === -1) recovered.push(u);
        if (before === -1 || (sys.relId[r] as number) < (sys.relId[before] as number)) found[u] = r;
      }
    if (recovered.length === 0) return round;
    for (const u of recovered) {
      s.known[u] = 1;
      s.lo[u] = truth[u] as number;
      s.hi[u] = truth[u] as number;
      s.why[u] = found[u] as number;
      for (let i = varStart[u] as number; i < (varStart[u + 1] as number); i++) {
        const r = varRel[i] as number;
        unknown[r] = (unknown[r] as number) - 1;
      }
    }
    changed = recovered;
  }
}

/**
 * How far the rank attack looks, pass by pass: all relations at once, in blocks of at most
 * `blockVars` unknowns; then, where such a block was too large, the relations with at most
 * `unknowns` unknown terms (and every relation that lies within their blocks), again in blocks of
 * at most `blockVars`. Measured on the 5,000-student state (an attack on its release before
 * sealing): blocks up to 5,000 unknowns found 134 protected counts in 11 s, up to 20,000 found
 * 146 in 19 s, up to 100,000 the same 146 in 14 s; the ten blocks larger than that, one per
 * class, are not solved whole. The build attacks several times, so it takes 5,000.
 */
export const RANK_REACH: { unknowns: number; blockVars: number }[] = [
  { unknowns: Number.POSITIVE_INFINITY, blockVars: 5_000 },
  { unknowns: 6, blockVars: 5_000 },
];

/**
 * The rank attack, to a fixed point (after subtract()): relations grouped into blocks that share
 * unknowns, each block solved exactly (reduced row echelon form modulo a prime): an unknown is
 * given away when the block's relations together fix it, as when three relations tie three
 * unknowns (a + b, b + c and a + c shown), which no single relation does. What a block gives away
 * is known in the next round. Marks the vars it finds in `ranked`; returns the rounds and how many
 * blocks of the last round were too large to solve whole (RANK_REACH). Where it gives away a var
 * of `guarded.vars`, it adds every relation of the block that has a shown term to `guarded.opened`
 * (hiding one more term of each leaves the block more unknowns than its relations can fix).
 * `settled` marks the vars of blocks already solved whole, which later rounds do not solve again.
 */
export function solveBlocks(
  sys: RelationSystem,
  s: AttackState,
  ranked: Uint8Array,
  reach = RANK_REACH,
  guarded?: { vars: Uint8Array; opened: Set<number> },
  settled: Uint8Array = new Uint8Array(sys.vars),
): { rounds: number; skipped: number } {
  for (let round = 1; ; round++) {
    let found = 0;
    let skipped = 0;
    for (const pass of reach) {
      const unknown = new Uint8Array(sys.vars);
      for (let v = 0; v < sys.vars; v++) unknown[v] = s.known[v] ? 0 : 1;
      const { blocks, skipped: tooLarge } = unknownBlocks(
        sys,
        unknown,
        pass.unknowns,
        pass.blockVars,
        settled,
      );
      skipped = tooLarge;
      for (const block of blocks) {
        // a block solved with all its relations is settled: what it fixes is found now, and
        // nothing it holds changes unless the caller learns more (see `settled`)
        if (!Number.isFinite(pass.unknowns)) for (const v of block.vars) settled[v] = 1;
        const fixed = determinedVars(block.rows, PRIME);
        if (fixed.size === 0) continue;
        // the relation to blame (and open up): one of the var's own with a shown term, else any of the block's
        const open = block.rels.filter((r) => {
          for (let t = sys.relStart[r] as number; t < (sys.relStart[r + 1] as number); t++)
            if (s.known[sys.termVar[t] as number]) return true;
          return false;
        });
        const isOpen = new Set(open);
        let opened = false;
        for (const v of fixed) {
          if (s.known[v]) continue;
          s.known[v] = 1;
          s.lo[v] = sys.truth[v] as number;
          s.hi[v] = sys.truth[v] as number;
          s.why[v] =
            block.rels.find((r, i) => isOpen.has(r) && block.rows[i]?.has(v)) ??
            open[0] ??
            (block.rels[0] as number);
          ranked[v] = 1;
          found++;
          // a guarded var given away: every relation of its block with a shown term is to be opened up
          if (guarded?.vars[v] && !opened) {
            for (const r of open) guarded.opened.add(r);
            opened = true;
          }
        }
      }
      if (skipped === 0) break;
    }
    if (found === 0) return { rounds: round, skipped };
  }
}

/**
 * A relation's unknown terms summed: known terms folded into k; each term coef * v at least low
 * and at most high, where an unbounded end is counted apart (open) so that the sums stay exact.
 */
interface Sums {
  k: number;
  lowSum: number;
  lowCount: number;
  lowOpen: number;
  highSum: number;
  highCount: number;
  highOpen: number;
}

/**
 * Interval propagation to a fixed point (after subtract()). Returns the sweeps. A sweep is bound by
 * memory latency, so the loop reads as little scattered memory as it can: the relations' unknown
 * terms only (the known ones folded into k), each var's bounds side by side, and each relation's
 * term ends read once into a buffer.
 */
export function tighten(sys: RelationSystem, s: AttackState): number {
  const { relStart, termVar, termCoef, varStart, varRel } = sys;
  const { known } = s;
  const k = new Float64Array(sys.rels);
  const activeStart = new Int32Array(sys.rels + 1);
  for (let r = 0; r < sys.rels; r++) {
    let active = 0;
    for (let t = relStart[r] as number; t < (relStart[r + 1] as number); t++) {
      const v = termVar[t] as number;
      if (known[v]) k[r] = (k[r] as number) + (termCoef[t] as number) * (s.lo[v] as number);
      else active++;
    }
    activeStart[r + 1] = (activeStart[r] as number) + active;
  }
  const activeVar = new Int32Array(activeStart[sys.rels] as number);
  const activeCoef = new Int8Array(activeVar.length);
  let longest = 0;
  for (let r = 0, j = 0; r < sys.rels; r++) {
    for (let t = relStart[r] as number; t < (relStart[r + 1] as number); t++) {
      if (known[termVar[t] as number]) continue;
      activeVar[j] = termVar[t] as number;
      activeCoef[j++] = termCoef[t] as number;
    }
    longest = Math.max(longest, (activeStart[r + 1] as number) - (activeStart[r] as number));
  }
  // bounds[2v], bounds[2v + 1]: lo and hi, side by side
  const bounds = new Float64Array(2 * sys.vars);
  for (let v = 0; v < sys.vars; v++) {
    bounds[2 * v] = s.lo[v] as number;
    bounds[2 * v + 1] = s.hi[v] as number;
  }
  const lows = new Float64Array(longest);
  const highs = new Float64Array(longest);

  // sweeps over the relations in index order: a relation is revisited when a bound of one of its
  // vars moved; a bound that moves takes effect at once (later relations of the same sweep see it)
  const dirty = new Uint8Array(sys.rels);
  let pending = 0;
  for (let r = 0; r < sys.rels; r++)
    if ((activeStart[r + 1] as number) > (activeStart[r] as number)) {
      dirty[r] = 1;
      pending++;
    }
  let round = 0;
  while (pending > 0) {
    round++;
    for (let r = 0; r < sys.rels; r++) {
      if (!dirty[r]) continue;
      dirty[r] = 0;
      pending--;
      const first = activeStart[r] as number;
      const end = activeStart[r + 1] as number;
      let lowSum = 0;
      let lowCount = 0;
      let highSum = 0;
      let highCount = 0;
      for (let j = first; j < end; j++) {
        const v = activeVar[j] as number;
        const coef = activeCoef[j] as number;
        const low = termLow(coef, bounds[2 * v] as number, bounds[2 * v + 1] as number);
        const high = termHigh(coef, bounds[2 * v] as number, bounds[2 * v + 1] as number);
        lows[j - first] = low;
        highs[j - first] = high;
        if (!Number.isNaN(low)) {
          lowSum += low;
          lowCount++;
        }
        if (!Number.isNaN(high)) {
          highSum += high;
          highCount++;
        }
      }
      const terms = end - first;
      const kr = k[r] as number;
      for (let j = first; j < end; j++) {
        const v = activeVar[j] as number;
        const coef = activeCoef[j] as number;
        // k + sum(coef * v) = 0, so coef * v lies in [-(k + others' high), -(k + others' low)]
        const fromHigh = othersBound(kr, highSum, highCount, terms - highCount, highs[j - first] as number);
        const fromLow = othersBound(kr, lowSum, lowCount, terms - lowCount, lows[j - first] as number);
        const vLo = coef > 0 ? 0 - fromHigh : fromLow; // (0 - x, not -x: no -0)
        const vHi = coef > 0 ? 0 - fromLow : fromHigh;
        // NaN (no bound) compares false
        const tighterLo = vLo > (bounds[2 * v] as number);
        const tighterHi = vHi < (bounds[2 * v + 1] as number);
        if (!tighterLo && !tighterHi) continue;
        if (tighterLo) bounds[2 * v] = vLo;
        if (tighterHi) bounds[2 * v + 1] = vHi;
        // every relation of v, this one too, may now imply more
        for (let i = varStart[v] as number; i < (varStart[v + 1] as number); i++) {
          const q = varRel[i] as number;
          if (!dirty[q]) {
            dirty[q] = 1;
            pending++;
          }
        }
      }
    }
  }
  for (let v = 0; v < sys.vars; v++) {
    s.lo[v] = bounds[2 * v] as number;
    s.hi[v] = bounds[2 * v + 1] as number;
  }
  explainPins(sys, s, k, { k: 0, lowSum: 0, lowCount: 0, lowOpen: 0, highSum: 0, highCount: 0, highOpen: 0 });
  return round;
}

/**
 * For each var the bounds attack pinned (lo = hi, not recovered by subtraction): the relation whose
 * bound, from the final bounds of the others, is tightest on the pinned side; ties broken by the
 * relation's number, so that the repairs never depend on the order of anything.
 */
function explainPins(sys: RelationSystem, s: AttackState, k: Float64Array, sums: Sums): void {
  const { relStart, termVar, termCoef, varStart, varRel } = sys;
  const { lo, hi, known } = s;
  const pinned = (v: number) => !known[v] && lo[v] === hi[v];
  for (let p = 0; p < sys.vars; p++) {
    if (!pinned(p) || varStart[p + 1] === varStart[p]) continue;
    let bestHi = Number.NaN;
    let bestHiRel = -1;
    let bestLo = Number.NaN;
    let bestLoRel = -1;
    for (let i = varStart[p] as number; i < (varStart[p + 1] as number); i++) {
      const r = varRel[i] as number;
      sumRelation(sys, s, r, k[r] as number, sums);
      for (let t = relStart[r] as number; t < (relStart[r + 1] as number); t++) {
        if (termVar[t] !== p) continue;
        const coef = termCoef[t] as number;
        const low = termLow(coef, lo[p] as number, hi[p] as number);
        const high = termHigh(coef, lo[p] as number, hi[p] as number);
        const fromLow = othersBound(sums.k, sums.lowSum, sums.lowCount, sums.lowOpen, low);
        const fromHigh = othersBound(sums.k, sums.highSum, sums.highCount, sums.highOpen, high);
        const vHi = coef > 0 ? 0 - fromLow : fromHigh;
        const vLo = coef > 0 ? 0 - fromHigh : fromLow; // (0 - x, not -x: no -0)
        if (
          !Number.isNaN(vHi) &&
          (bestHiRel < 0 ||
            vHi < bestHi ||
            (vHi === bestHi && (sys.relId[r] as number) < (sys.relId[bestHiRel] as number)))
        ) {
          bestHi = vHi;
          bestHiRel = r;
        }
        if (
          !Number.isNaN(vLo) &&
          (bestLoRel < 0 ||
            vLo > bestLo ||
            (vLo === bestLo && (sys.relId[r] as number) < (sys.relId[bestLoRel] as number)))
        ) {
          bestLo = vLo;
          bestLoRel = r;
        }
      }
    }
    const why = bestHiRel >= 0 ? bestHiRel : bestLoRel;
    if (why >= 0) s.why[p] = why;
  }
}

// Unbounded, or no bound, is NaN: it stays NaN through arithmetic and compares false, and keeps
// every value a double (a number-or-null would cost an allocation per term in the hot loops).

/** The smallest coef * v (NaN: unbounded). */
function termLow(coef: number, lo: number, hi: number): number {
  return coef > 0 ? lo : hi < UNBOUNDED ? -hi : Number.NaN;
}

/** The largest coef * v (NaN: unbounded). */
function termHigh(coef: number, lo: number, hi: number): number {
  return coef > 0 ? (hi < UNBOUNDED ? hi : Number.NaN) : -lo;
}

/** k plus the sum of the other terms' ends (NaN when another end is open, or there is no other term). */
function othersBound(k: number, sum: number, count: number, open: number, own: number): number {
  const ownOpen = Number.isNaN(own);
  if (open - (ownOpen ? 1 : 0) !== 0 || count === 0) return Number.NaN;
  return k + sum - (ownOpen ? 0 : own);
}

function sumRelation(sys: RelationSystem, s: AttackState, r: number, k: number, out: Sums): void {
  out.k = k;
  out.lowSum = 0;
  out.lowCount = 0;
  out.lowOpen = 0;
  out.highSum = 0;
  out.highCount = 0;
  out.highOpen = 0;
  for (let t = sys.relStart[r] as number; t < (sys.relStart[r + 1] as number); t++) {
    const v = sys.termVar[t] as number;
    if (s.known[v]) continue;
    const coef = sys.termCoef[t] as number;
    const low = termLow(coef, s.lo[v] as number, s.hi[v] as number);
    const high = termHigh(coef, s.lo[v] as number, s.hi[v] as number);
    if (Number.isNaN(low)) out.lowOpen++;
    else {
      out.lowSum += low;
      out.lowCount++;
    }
    if (Number.isNaN(high)) out.highOpen++;
    else {
      out.highSum += high;
      out.highCount++;
    }
  }
}

/**
 * What an attacker learns from what he starts with (`lo`, `hi`; `known`: the vars he knows
 * exactly, lo = hi at their true values): subtraction, the rank test and bounds. Returns the vars
 * pinned to one value.
 */
export function learnedFrom(
  sys: RelationSystem,
  lo: Float64Array,
  hi: Float64Array,
  known: Uint8Array,
): Uint8Array {
  const state = startState(lo, hi, known);
  subtract(sys, state);
  solveBlocks(sys, state, new Uint8Array(sys.vars));
  tighten(sys, state);
  const pinned = new Uint8Array(sys.vars);
  for (let v = 0; v < sys.vars; v++) if (state.lo[v] === state.hi[v]) pinned[v] = 1;
  return pinned;
}
