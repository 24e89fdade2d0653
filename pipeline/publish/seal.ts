// Sealing the blocks that the rank test finds open. After complementary suppression, a block of
// relations (sharing hidden terms) may still fix a protected var when its relations are solved
// together. For such a block, GaussSuppression decides which of the shown terms around it (its
// boundary) to hide: the block's hidden vars and its boundary are the unknowns, everything else is
// taken as known (the attacker may know more than he does, never less: a release safe against
// the stronger attacker is safe), the relations restricted to those unknowns give a null-space
// basis, and the boundary is published in priority order unless a term would make a protected var
// a linear combination of what is shown. The result is safe by construction for that view: no
// attack-and-patch round is needed for the block's linear relations.
import { rowOf, unknownBlocks } from "./blocks.ts";
import { determinedVars, freeColumns, gaussSuppress, PRIME, reduce, type Sparse } from "./gauss.ts";
import { RANK_REACH } from "./propagate.ts";
import type { RelationSystem } from "./system.ts";

export interface SealResult {
  /** blocks found open (a protected var fixed by the block's relations) */
  open: number;
  /** vars newly hidden (system indices), each with the rest of its cell's parts it takes along */
  hidden: number[];
  /** protected vars the boundary could not protect (fixed even with the whole boundary hidden) */
  unsealed: number[];
  /** blocks too large to solve whole */
  skipped: number;
}

/**
 * Seal every open block of the release whose hidden vars are `hidden` (updated in place).
 * `guarded`: the vars that must not be fixed; `hideFirst`: the order in which vars are given up
 * (lower first; the boundary is published from the other end); `learned`: hidden vars the other
 * attacks pin to one value, taken as known; `unhideable`: shown vars that may not be hidden.
 */
export function sealBlocks(
  sys: RelationSystem,
  hidden: Uint8Array,
  guarded: Uint8Array,
  hideFirst: Int32Array,
  learned?: Uint8Array,
  unhideable?: Uint8Array,
): SealResult {
  const result: SealResult = { open: 0, hidden: [], unsealed: [], skipped: 0 };
  // as the rank attack does (solveBlocks): what a block fixes is known from the next round on,
  // which may split a block too large to solve into ones that are not; so is what the other
  // attacks already pinned (`learned`: hidden vars bounded to one value)
  const fixedBefore = learned ? learned.slice() : new Uint8Array(sys.vars);
  // blocks solved whole and found closed (solveBlocks' `settled`); a sealed block is not
  const settled = new Uint8Array(sys.vars);
  for (;;) {
    let progress = 0;
    for (const pass of RANK_REACH) {
      const unknown = new Uint8Array(sys.vars);
      for (let v = 0; v < sys.vars; v++) unknown[v] = hidden[v] && !fixedBefore[v] ? 1 : 0;
      const { blocks, skipped } = unknownBlocks(sys, unknown, pass.unknowns, pass.blockVars, settled);
      result.skipped = skipped;
      for (const block of blocks) {
        const fixed = [...determinedVars(block.rows, PRIME)];
        const exposed = fixed.filter((v) => guarded[v]);
        const before = result.hidden.length;
        if (exposed.length > 0) {
          result.open++;
          sealBlock(sys, hidden, guarded, hideFirst, block.vars, result, unhideable);
        }
        if (result.hidden.length > before) {
          progress++;
          continue;
        }
        if (!Number.isFinite(pass.unknowns)) for (const v of block.vars) settled[v] = 1;
        // nothing to seal, or nothing more the boundary can do: what the block fixes is known
        for (const v of fixed)
          if (!fixedBefore[v]) {
            fixedBefore[v] = 1;
            progress++;
            if (guarded[v]) result.unsealed.push(v);
          }
      }
      if (skipped === 0) break;
    }
    if (progress === 0) return result;
  }
}

function sealBlock(
  sys: RelationSystem,
  hidden: Uint8Array,
  guarded: Uint8Array,
  hideFirst: Int32Array,
  blockVars: number[],
  result: SealResult,
  unhideable?: Uint8Array,
): void {
  const inside = new Set(blockVars);
  const boundary = new Set<number>();
  // the boundary: shown terms of the block's relations (not those that may not be hidden: an
  // earlier release's, known like everything outside); widened while it cannot protect
  const widen = (from: Iterable<number>) => {
    const next = new Set<number>();
    for (const v of from)
      for (let i = sys.varStart[v] as number; i < (sys.varStart[v + 1] as number); i++) {
        const r = sys.varRel[i] as number;
        for (let t = sys.relStart[r] as number; t < (sys.relStart[r + 1] as number); t++) {
          const u = sys.termVar[t] as number;
          if (!inside.has(u) && !boundary.has(u) && !hidden[u] && !unhideable?.[u]) next.add(u);
        }
      }
    return next;
  };
  let frontier: Iterable<number> = blockVars;
  for (let attempt = 0; attempt < 3; attempt++) {
    for (const u of widen(frontier)) boundary.add(u);
    const unknowns = new Set([...inside, ...boundary]);
    const columns = freeColumns(unknowns, reduce(rowsOver(sys, unknowns), leastUsed(sys), PRIME), PRIME);
    const primary = new Set(blockVars.filter((v) => guarded[v]));
    const stuck = [...primary].filter((v) => (columns.get(v)?.size ?? 0) === 0);
    if (stuck.length > 0 && attempt < 2) {
      frontier = [...boundary];
      continue;
    }
    // the block's hidden vars stay hidden (never candidates); the boundary, most wanted first
    for (const v of blockVars) if (!primary.has(v)) columns.delete(v);
    // cells most wanted first (a cell as wanted as its most wanted part), each cell's parts
    // denominator, numerator, rest: a numerator is published only after its denominator
    const cellOf = (v: number) => Math.floor((sys.varId[v] as number) / 3);
    const cellWanted = new Map<number, number>();
    for (const v of boundary)
      cellWanted.set(cellOf(v), Math.max(cellWanted.get(cellOf(v)) ?? -1, hideFirst[v] as number));
    const partOrder = (v: number) => [1, 0, 2][(sys.varId[v] as number) % 3] as number;
    const order = [...boundary].sort(
      (a, b) =>
        (cellWanted.get(cellOf(b)) as number) - (cellWanted.get(cellOf(a)) as number) ||
        cellOf(a) - cellOf(b) ||
        partOrder(a) - partOrder(b),
    );
    const published = gaussSuppress(
      { columns, primary, order, requires: (v) => partOf(sys, v, requiredPart(sys, v)) },
      PRIME,
    );
    for (const v of boundary) if (!published.has(v)) hideCell(sys, hidden, v, result.hidden);
    return;
  }
}

/** Every relation with a term among `unknowns`, restricted to those terms. */
function rowsOver(sys: RelationSystem, unknowns: Set<number>): Sparse[] {
  const seen = new Set<number>();
  const rows: Sparse[] = [];
  for (const v of unknowns)
    for (let i = sys.varStart[v] as number; i < (sys.varStart[v + 1] as number); i++) {
      const r = sys.varRel[i] as number;
      if (seen.has(r)) continue;
      seen.add(r);
      rows.push(rowOf(sys, r, (u) => unknowns.has(u)));
    }
  return rows;
}

/** Pivot on the term in the fewest relations (the least fill-in). */
const leastUsed = (sys: RelationSystem) => (row: Sparse) => {
  let best = -1;
  let fewest = Number.POSITIVE_INFINITY;
  for (const v of row.keys()) {
    const d = (sys.varStart[v + 1] as number) - (sys.varStart[v] as number);
    if (d < fewest) [best, fewest] = [v, d];
  }
  return best;
};

/** A numerator needs its denominator shown, a rest its numerator; a denominator nothing (-1). */
function requiredPart(sys: RelationSystem, v: number): number {
  const part = (sys.varId[v] as number) % 3;
  return part === 0 ? 1 : part === 2 ? 0 : -1;
}

/** The var of the same cell with this part (-1: none, or not in the system). */
function partOf(sys: RelationSystem, v: number, part: number): number {
  if (part < 0) return -1;
  const id = Math.floor((sys.varId[v] as number) / 3) * 3 + part;
  return id < sys.indexOf.length ? (sys.indexOf[id] as number) : -1;
}

/** Hide v and what goes with it: a numerator or rest takes the other; a denominator the whole cell. */
function hideCell(sys: RelationSystem, hidden: Uint8Array, v: number, into: number[]): void {
  const part = (sys.varId[v] as number) % 3;
  for (const p of part === 1 ? [0, 1, 2] : [0, 2]) {
    const u = partOf(sys, v, p);
    if (u < 0 || hidden[u]) continue;
    hidden[u] = 1;
    into.push(u);
  }
}
