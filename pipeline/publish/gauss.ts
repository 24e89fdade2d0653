// Linear algebra of disclosure, exact: sparse Gaussian elimination over the integers modulo a
// prime. The relations between published counts have small integer coefficients, so a count is a
// linear combination of others over the rationals exactly when it is one modulo a large prime
// (barring a determinant divisible by the prime, which small-coefficient tables do not produce):
// no floating-point tolerance decides what is published.
//
// Two uses: the auditor's rank test (determinedVars: a hidden count is fixed by what is shown
// exactly when the relations restricted to the hidden counts fix it), and the protection of a
// block the rank test found open (gaussSuppress: Statistics Norway's GaussSuppression over the
// block's null-space basis, freeColumns).

/** A sparse vector: index -> coefficient modulo the prime (zeros are not stored). */
export type Sparse = Map<number, number>;

/** A prime below 2^26, so that a product of two residues is exact in a double. */
export const PRIME = 67108859;

export const mod = (a: number, p: number): number => {
  const m = a % p;
  return m < 0 ? m + p : m;
};

/** a^-1 modulo p (a not 0 modulo p), by the extended Euclidean algorithm. */
export function inverse(a: number, p: number): number {
  let [r0, r1] = [p, mod(a, p)];
  let [t0, t1] = [0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return mod(t0, p);
}

/** The pivot rows of a reduced row echelon form: pivot -> its row (coefficient 1 at the pivot, 0 at every other pivot). */
export type Echelon = Map<number, Sparse>;

/**
 * The reduced row echelon form of `rows` modulo p. Each new row's pivot is the term `pickPivot`
 * chooses among its terms (after the pivots found so far are eliminated from it); rows that
 * reduce to nothing are dependent and dropped.
 */
export function reduce(rows: Iterable<Sparse>, pickPivot: (row: Sparse) => number, p: number): Echelon {
  const pivots: Echelon = new Map();
  // for each non-pivot var, the pivots whose rows hold it (to eliminate a new pivot from them)
  const holders = new Map<number, Set<number>>();
  for (const raw of rows) {
    const row = reducedBy(pivots, raw, p);
    if (row.size === 0) continue;
    const q = pickPivot(row);
    scale(row, inverse(row.get(q) as number, p), p);
    for (const h of holders.get(q) ?? []) {
      const other = pivots.get(h) as Sparse;
      const c = other.get(q) as number;
      for (const u of row.keys()) if (u !== q && !other.has(u)) holderSet(holders, u).add(h);
      addScaled(other, row, p - c, p);
      for (const u of row.keys()) if (u !== q && !other.has(u)) holders.get(u)?.delete(h);
    }
    holders.delete(q);
    for (const u of row.keys()) if (u !== q) holderSet(holders, u).add(q);
    pivots.set(q, row);
  }
  return pivots;
}

/**
 * Every var as a combination of the free vars (those that are no pivot): a free var is itself; a
 * pivot is minus the rest of its row. These are GaussSuppression's columns: the values the
 * relations allow are exactly those these combinations give for any values of the free vars.
 */
export function freeColumns(vars: Iterable<number>, pivots: Echelon, p: number): Map<number, Sparse> {
  const columns = new Map<number, Sparse>();
  for (const v of vars) {
    const row = pivots.get(v);
    if (!row) {
      columns.set(v, new Map([[v, 1]]));
      continue;
    }
    const column: Sparse = new Map();
    for (const [u, c] of row) if (u !== v) column.set(u, p - c);
    columns.set(v, column);
  }
  return columns;
}

export interface GaussInput {
  /** Each var's column (freeColumns); vars without one take no part. */
  columns: Map<number, Sparse>;
  /** Vars that must not become a linear combination of published ones. */
  primary: Set<number>;
  /** The candidates for publication, most wanted first (primaries in it are skipped). */
  order: number[];
  /** A candidate may be published only if this var was (a cell's numerator needs its denominator); -1: none. */
  requires?: (v: number) => number;
}

/**
 * GaussSuppression (Langsrud, PSD 2024): returns the candidates it publishes. A candidate whose
 * column is already zero is a combination of what is published, and is published at no cost.
 * Otherwise one of its free vars is chosen as pivot; if eliminating it would leave some primary's
 * column zero, the candidate is hidden (and takes no further part); else it is published and the
 * pivot is eliminated from every remaining column. Hence no primary is ever a combination of
 * published vars: each step keeps that invariant, nothing is checked and patched afterwards.
 */
export function gaussSuppress(input: GaussInput, p: number): Set<number> {
  const { columns, primary, order } = input;
  const published = new Set<number>();
  // free var -> the remaining columns (undecided candidates, primaries) that hold it
  const holding = new Map<number, Set<number>>();
  for (const [v, column] of columns) for (const d of column.keys()) holderSet(holding, d).add(v);
  const retire = (v: number) => {
    for (const d of columns.get(v)?.keys() ?? []) holding.get(d)?.delete(v);
  };
  for (const c of order) {
    if (primary.has(c) || published.has(c)) continue;
    const column = columns.get(c);
    if (!column) continue;
    retire(c);
    const needs = input.requires?.(c) ?? -1;
    if (needs >= 0 && columns.has(needs) && !published.has(needs)) continue;
    if (column.size === 0) {
      published.add(c);
      continue;
    }
    // the pivot: the free var held by the fewest columns (the least work and fill-in)
    let pivot = -1;
    let fewest = Number.POSITIVE_INFINITY;
    for (const d of column.keys()) {
      const n = holding.get(d)?.size ?? 0;
      if (n < fewest) [pivot, fewest] = [d, n];
    }
    const inv = inverse(column.get(pivot) as number, p);
    const affected = [...(holding.get(pivot) ?? [])];
    const exposes = affected.some((j) => {
      if (!primary.has(j)) return false;
      const other = columns.get(j) as Sparse;
      if (other.size !== column.size) return false;
      const f = ((other.get(pivot) as number) * inv) % p;
      for (const [d, x] of column) if (other.get(d) !== (f * x) % p) return false;
      return true;
    });
    if (exposes) continue;
    published.add(c);
    for (const j of affected) {
      const other = columns.get(j) as Sparse;
      const f = ((other.get(pivot) as number) * inv) % p;
      for (const d of column.keys()) if (!other.has(d)) holderSet(holding, d).add(j);
      addScaled(other, column, p - f, p);
      for (const d of column.keys()) if (!other.has(d)) holding.get(d)?.delete(j);
    }
  }
  return published;
}

/** A row modulo p with the pivots of a reduced echelon form eliminated from it. */
function reducedBy(pivots: Echelon, raw: Sparse, p: number): Sparse {
  const row: Sparse = new Map();
  for (const [v, c] of raw) {
    const m = mod(c, p);
    if (m !== 0) row.set(v, mod((row.get(v) ?? 0) + m, p));
  }
  for (const v of [...row.keys()]) {
    const pivotRow = pivots.get(v);
    const c = row.get(v);
    if (!pivotRow || !c) continue;
    // the pivot row holds no other pivot: this only brings in free vars
    addScaled(row, pivotRow, p - c, p);
  }
  return row;
}

/** target += f * source (mod p), dropping what becomes zero. */
function addScaled(target: Sparse, source: Sparse, f: number, p: number): void {
  for (const [v, c] of source) {
    const next = ((target.get(v) ?? 0) + f * c) % p;
    if (next === 0) target.delete(v);
    else target.set(v, next);
  }
}

function scale(row: Sparse, f: number, p: number): void {
  for (const [v, c] of row) row.set(v, (c * f) % p);
}

function holderSet<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}

/**
 * The vars that `rows` determine: those whose value the relations fix once the vars outside the
 * rows are known. In a reduced row echelon form, a var is determined exactly when its pivot row
 * holds nothing else. (The auditor's test, on the relations restricted to the hidden vars.)
 *
 * First the rows are peeled: a var that only one row holds can be fixed by that row alone and
 * makes the row useless for anything else, so the row is set aside with it (and again, as the
 * others' counts fall). Hierarchies of sums are mostly peeled away, and only the core is
 * eliminated. Then the rows set aside come back in reverse order, each with its own var as pivot
 * (no other row holds it, so nothing else changes): its var is fixed when the row reduces to it
 * alone.
 */
export function determinedVars(rows: Sparse[], p: number): Set<number> {
  const holding = new Map<number, number[]>();
  rows.forEach((row, i) => {
    for (const v of row.keys()) {
      const list = holding.get(v);
      if (list) list.push(i);
      else holding.set(v, [i]);
    }
  });
  const degree = new Map<number, number>();
  for (const [v, list] of holding) degree.set(v, list.length);
  const alive = new Uint8Array(rows.length).fill(1);
  const peeled: [number, number][] = [];
  const stack: number[] = [];
  for (const [v, d] of degree) if (d === 1) stack.push(v);
  while (stack.length > 0) {
    const v = stack.pop() as number;
    if (degree.get(v) !== 1) continue;
    const i = (holding.get(v) as number[]).find((r) => alive[r]);
    if (i === undefined) continue;
    alive[i] = 0;
    peeled.push([i, v]);
    for (const u of (rows[i] as Sparse).keys()) {
      const d = (degree.get(u) as number) - 1;
      degree.set(u, d);
      if (d === 1) stack.push(u);
    }
  }
  // the core: short rows first, and each pivot the term in the fewest rows (the least fill-in)
  const core = rows.filter((_, i) => alive[i]).sort((a, b) => a.size - b.size);
  const pivots = reduce(
    core,
    (row) => {
      let best = -1;
      let fewest = Number.POSITIVE_INFINITY;
      for (const v of row.keys()) {
        const d = degree.get(v) as number;
        if (d < fewest) [best, fewest] = [v, d];
      }
      return best;
    },
    p,
  );
  const fixed = new Set<number>();
  for (const [v, row] of pivots) if (row.size === 1) fixed.add(v);
  for (const [i, v] of peeled.reverse()) {
    // v is no pivot (no other row holds it), so only the others are eliminated
    const row = reducedBy(pivots, rows[i] as Sparse, p);
    if (!row.has(v)) continue;
    if (row.size === 1) fixed.add(v);
    scale(row, inverse(row.get(v) as number, p), p);
    pivots.set(v, row);
  }
  return fixed;
}
