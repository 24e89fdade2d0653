// The attacker's fixed points (propagate.ts) on systems small enough to work by hand. Each case
// gives the relations as (relation number, [var, coef]...) and the attacker's starting bounds; the
// expected bounds, rounds and pinning relations are worked out in the comments.
import { describe, expect, it } from "vitest";
import { lpBounds } from "../pipeline/publish/lp.ts";
import { solveBlocks, startState, subtract, tighten, UNBOUNDED } from "../pipeline/publish/propagate.ts";
import { closeInMemory } from "../pipeline/publish/protect.ts";
import { sealBlocks } from "../pipeline/publish/seal.ts";
import { type RelationSystem, systemOf } from "../pipeline/publish/system.ts";

const U = UNBOUNDED;

/**
 * vars 0..n-1 with these true values; relations by number, each a list of [var, coef]. Var i is
 * rel_vars.var ids[i] (cell * 3 + part): by default i itself.
 */
async function system(
  truth: number[],
  relations: Record<number, [number, number][]>,
  ids: number[] = truth.map((_, i) => i),
): Promise<RelationSystem> {
  const numbers = Object.keys(relations).map(Number);
  const rels = Math.max(...numbers) + 1;
  const terms = numbers.flatMap((r) => (relations[r] ?? []).map(([v, c]) => [r, v, c] as const));
  const indexOf = new Int32Array(Math.max(...ids) + 1).fill(-1);
  ids.forEach((id, i) => {
    indexOf[id] = i;
  });
  return systemOf(Int32Array.from(ids), indexOf, Float64Array.from(truth), rels, async (take) =>
    take(
      Int32Array.from(terms, (t) => t[0]),
      Int32Array.from(terms, (t) => ids[t[1]] as number),
      Int8Array.from(terms, (t) => t[2]),
      terms.length,
    ),
  );
}

function attack(sys: RelationSystem, lo: number[], hi: number[], shown: number[]) {
  const state = startState(Float64Array.from(lo), Float64Array.from(hi), Uint8Array.from(shown));
  const rounds = { subtraction: subtract(sys, state), bounds: tighten(sys, state) };
  const why = [...state.why].map((r) => (r < 0 ? null : sys.relId[r]));
  return { rounds, lo: [...state.lo], hi: [...state.hi], known: [...state.known], why };
}

describe("the attacker's fixed points", () => {
  it("subtraction recovers a relation's one unknown, and names the lowest-numbered relation that gave it", async () => {
    // T = 10, x = 4, y = 6, z = 6; relation 5: x + y - T = 0; relation 2: y - z = 0. T, x, z shown.
    // Round 1: both relations have one unknown (y): y = 6, given by relation 2 (the lower number).
    // Round 2: nothing left. Bounds: no unknown term remains, so no sweep at all.
    const sys = await system([10, 4, 6, 6], {
      5: [
        [1, 1],
        [2, 1],
        [0, -1],
      ],
      2: [
        [2, 1],
        [3, -1],
      ],
    });
    const r = attack(sys, [10, 4, 0, 6], [10, 4, U, 6], [1, 1, 0, 1]);
    expect(r.rounds).toEqual({ subtraction: 2, bounds: 0 });
    expect(r.known).toEqual([1, 1, 1, 1]);
    expect([r.lo[2], r.hi[2]]).toEqual([6, 6]);
    expect(r.why).toEqual([null, null, 2, null]);
  });

  it("bounds pin hidden cells that add up to zero", async () => {
    // a + b - T = 0 with T shown as 0 (relation 0): two unknowns, so subtraction learns nothing
    // (one round). Sweep 1 of the bounds: each of a, b is at most -(k + the other's low) =
    // -(-0 + 0) = 0, so both are [0, 0], and the relation is due again; sweep 2 moves nothing.
    const sys = await system([0, 0, 0], {
      0: [
        [0, 1],
        [1, 1],
        [2, -1],
      ],
    });
    const r = attack(sys, [0, 0, 0], [U, U, 0], [0, 0, 1]);
    expect(r.rounds).toEqual({ subtraction: 1, bounds: 2 });
    expect(r.lo.slice(0, 2)).toEqual([0, 0]);
    expect(r.hi.slice(0, 2)).toEqual([0, 0]);
    expect(r.known).toEqual([0, 0, 1]);
    expect(r.why).toEqual([0, 0, null]);
  });

  it("bounds chain a band through two relations, rounds taking effect together", async () => {
    // a (var 0) is coded: [0, 2]; T (2) = 9 and U (4) = 7 shown; b (1), c (3) hidden in [0, unbounded].
    // relation 8: a + b - T = 0; relation 3: b + c - U = 0. Subtraction: two unknowns in each.
    // The bounds sweep the relations in the order of their first var (8, then 3), a moved bound
    // taking effect at once. Sweep 1: relation 8 gives b >= 9 - 2 = 7 (b = [7, unbounded]); then
    //   relation 3 gives b <= 7 - 0 = 7 and c <= 7 - 7 = 0: b = [7, 7], c = [0, 0].
    // Sweep 2 (both relations due again): relation 8 gives a >= 9 - 7 = 2, so a = [2, 2].
    // Sweep 3 (relation 8 due again): nothing moves. Pinned: a (by 8 only), c (by 3 only), and b,
    // which both relations now bound at 7 from above: the tie goes to the lower number, 3.
    const sys = await system([2, 7, 9, 0, 7], {
      8: [
        [0, 1],
        [1, 1],
        [2, -1],
      ],
      3: [
        [1, 1],
        [3, 1],
        [4, -1],
      ],
    });
    const r = attack(sys, [0, 0, 9, 0, 7], [2, U, 9, U, 7], [0, 0, 1, 0, 1]);
    expect(r.rounds).toEqual({ subtraction: 1, bounds: 3 });
    expect(r.lo).toEqual([2, 7, 9, 0, 7]);
    expect(r.hi).toEqual([2, 7, 9, 0, 7]);
    expect(r.why).toEqual([8, 3, null, 3, null]);
  });

  it("leaves a var open when another term of every relation is unbounded", async () => {
    // a + b - c = 0, all hidden, nothing shown: a, b in [0, unbounded], c (a denominator) in
    // [1, unbounded]. a <= c - b has no upper end (c is unbounded); c >= a + b = 0 < 1.
    const sys = await system([3, 4, 7], {
      0: [
        [0, 1],
        [1, 1],
        [2, -1],
      ],
    });
    const r = attack(sys, [0, 0, 1], [U, U, U], [0, 0, 0]);
    expect(r.lo).toEqual([0, 0, 1]);
    expect(r.hi).toEqual([U, U, U]);
    expect(r.why).toEqual([null, null, null]);
  });
});

describe("complementary suppression", () => {
  // each var the numerator of a cell of its own (ids 0, 3, 6, ...), unless said otherwise
  const numerators = (n: number) => Array.from({ length: n }, (_, i) => 3 * i);
  const close = (sys: RelationSystem, hidden: number[], priority: number[]) => {
    const h = Uint8Array.from(hidden);
    const run = closeInMemory(
      sys,
      h,
      hidden.flatMap((x, i) => (x ? [i] : [])),
      Int32Array.from(priority),
    );
    return { ...run, hidden: [...h] };
  };

  it("hides the shown term of lowest priority of a relation with one hidden term", async () => {
    // a + b - T = 0 (a = 3, b = 4, T = 7), a hidden. Round 1: one hidden term, so the shown term
    // of lowest priority is hidden: T (1) before b (2). Round 2: two hidden, not all zero: done.
    const sys = await system(
      [3, 4, 7],
      {
        0: [
          [0, 1],
          [1, 1],
          [2, -1],
        ],
      },
      numerators(3),
    );
    expect(close(sys, [1, 0, 0], [0, 2, 1])).toEqual({ rounds: 2, complements: 1, hidden: [1, 0, 1] });
  });

  it("opens a zero sum with a term that is not zero on the same side", async () => {
    // a + b + c - T = 0 with a = b = 0 hidden (c = 5, T = 5): the hidden terms add up to zero, so
    // each is zero. A complement must not be zero on their side: c (priority 3) or T (4), not d
    // (a zero term on the same side, priority 1). Then three hidden terms, not all zero: done.
    const sys = await system(
      [0, 0, 5, 5, 0],
      {
        0: [
          [0, 1],
          [1, 1],
          [2, 1],
          [3, -1],
          [4, 1],
        ],
      },
      numerators(5),
    );
    expect(close(sys, [1, 1, 0, 0, 0], [0, 0, 3, 4, 1])).toEqual({
      rounds: 2,
      complements: 1,
      hidden: [1, 1, 1, 0, 0],
    });
  });

  it("a chosen denominator hides its whole cell", async () => {
    // one cell: numerator 2 (id 0), denominator 5 (id 1), rest 3 (id 2); numerator + rest -
    // denominator = 0 with the numerator hidden: the denominator has the lower priority, and
    // hiding it hides the rest too (a rate without its base tells nothing). One complement.
    const sys = await system(
      [2, 5, 3],
      {
        0: [
          [0, 1],
          [2, 1],
          [1, -1],
        ],
      },
      [0, 1, 2],
    );
    expect(close(sys, [1, 0, 0], [0, 1, 2])).toEqual({ rounds: 2, complements: 1, hidden: [1, 1, 1] });
  });
});

/**
 * Three hidden counts a = 2, b = 3, c = 4 (vars 0-2) and three shown sums (vars 3-5): relation 0:
 * a + b = 5, relation 1: b + c = 7, relation 2: a + c = 6 (var i is rel_vars.var ids[i]).
 */
const triangle = (ids?: number[]) =>
  system(
    [2, 3, 4, 5, 7, 6],
    {
      0: [
        [0, 1],
        [1, 1],
        [3, -1],
      ],
      1: [
        [1, 1],
        [2, 1],
        [4, -1],
      ],
      2: [
        [0, 1],
        [2, 1],
        [5, -1],
      ],
    },
    ids,
  );

describe("the rank attack (blocks of relations solved together)", () => {
  // Three hidden counts a = 2, b = 3, c = 4 (vars 0-2) and three shown sums (vars 3-5):
  // relation 0: a + b = 5, relation 1: b + c = 7, relation 2: a + c = 6. Every relation has two
  // unknowns, so subtraction learns nothing; together they fix all three:
  // a = (5 - 7 + 6) / 2 = 2, b = 5 - 2 = 3, c = 6 - 2 = 4.
  const start = () =>
    startState(
      Float64Array.from([0, 0, 0, 5, 7, 6]),
      Float64Array.from([U, U, U, 5, 7, 6]),
      Uint8Array.from([0, 0, 0, 1, 1, 1]),
    );

  it("finds what three relations give away together, which subtraction cannot", async () => {
    const sys = await triangle();
    const state = start();
    expect(subtract(sys, state)).toBe(1);
    expect([...state.known]).toEqual([0, 0, 0, 1, 1, 1]);
    const ranked = new Uint8Array(sys.vars);
    expect(solveBlocks(sys, state, ranked)).toEqual({ rounds: 2, skipped: 0 });
    expect([...ranked]).toEqual([1, 1, 1, 0, 0, 0]);
    expect([...state.lo].slice(0, 3)).toEqual([2, 3, 4]);
    expect([...state.hi].slice(0, 3)).toEqual([2, 3, 4]);
  });

  it("leaves an even cycle alone: a + b, b + c, c + d, d + a shown fix nothing", async () => {
    // a..d = 1, 2, 3, 4 (vars 0-3); sums 3, 5, 7, 5 (vars 4-7). The four relations have rank 3
    // over four unknowns (a + b - (b + c) + (c + d) - (d + a) = 0): a = t, b = 3 - t, c = 2 + t,
    // d = 5 - t for any t, so no unknown is fixed.
    const sys = await system([1, 2, 3, 4, 3, 5, 7, 5], {
      0: [
        [0, 1],
        [1, 1],
        [4, -1],
      ],
      1: [
        [1, 1],
        [2, 1],
        [5, -1],
      ],
      2: [
        [2, 1],
        [3, 1],
        [6, -1],
      ],
      3: [
        [3, 1],
        [0, 1],
        [7, -1],
      ],
    });
    const state = startState(
      Float64Array.from([0, 0, 0, 0, 3, 5, 7, 5]),
      Float64Array.from([U, U, U, U, 3, 5, 7, 5]),
      Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1]),
    );
    const ranked = new Uint8Array(sys.vars);
    expect(solveBlocks(sys, state, ranked)).toEqual({ rounds: 1, skipped: 0 });
    expect([...ranked]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("counts a block larger than its reach instead of solving it", async () => {
    const sys = await triangle();
    const ranked = new Uint8Array(sys.vars);
    expect(solveBlocks(sys, start(), ranked, [{ unknowns: Number.POSITIVE_INFINITY, blockVars: 2 }])).toEqual(
      {
        rounds: 1,
        skipped: 1,
      },
    );
    expect([...ranked]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe("sealing a block the rank test finds open (GaussSuppression over its boundary)", () => {
  // The triangle again, a = 2 guarded, b = 3 and c = 4 hidden as complements, the sums x = 5,
  // y = 7, z = 6 shown: a + b = x, b + c = y, a + c = z fix a = (x - y + z) / 2. Each var is the
  // numerator of a cell of its own (ids 0, 3, 6, ...), so hiding one hides nothing else.
  // The boundary is published most wanted first: x, then y, then z (hideFirst 5, 4, 3). x alone
  // and x with y leave b free (a = x - b); z would close the triangle, so z is hidden.
  it("hides the one boundary term that closes the triangle, and the rank test then finds nothing", async () => {
    const sys = await triangle([0, 3, 6, 9, 12, 15]);
    const hidden = Uint8Array.from([1, 1, 1, 0, 0, 0]);
    const guarded = Uint8Array.from([1, 0, 0, 0, 0, 0]);
    const result = sealBlocks(sys, hidden, guarded, Int32Array.from([0, 1, 2, 5, 4, 3]));
    expect(result).toMatchObject({ open: 1, hidden: [5], unsealed: [] });
    expect([...hidden]).toEqual([1, 1, 1, 0, 0, 1]);
    // attacked again: a + b = 5 and b + c = 7 leave one degree of freedom
    const state = startState(
      Float64Array.from([0, 0, 0, 5, 7, 0]),
      Float64Array.from([U, U, U, 5, 7, U]),
      Uint8Array.from([0, 0, 0, 1, 1, 0]),
    );
    const ranked = new Uint8Array(sys.vars);
    solveBlocks(sys, state, ranked);
    expect([...ranked]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("GaussSuppression keeps the wanted order: with z most wanted, y is the one hidden", async () => {
    // the same block, the boundary published z, x, y: z and x leave c free (a = z - c, b = x - a);
    // y would close it
    const sys = await triangle([0, 3, 6, 9, 12, 15]);
    const hidden = Uint8Array.from([1, 1, 1, 0, 0, 0]);
    const result = sealBlocks(
      sys,
      hidden,
      Uint8Array.from([1, 0, 0, 0, 0, 0]),
      Int32Array.from([0, 1, 2, 4, 3, 5]),
    );
    expect(result.hidden).toEqual([4]);
  });
});

describe("sealing publishes a cell's parts together", () => {
  // Cells A = 3 of 7 (hidden, protected), B = 10 of 20 and their total C = 13 of 27, each with a
  // numerator, denominator and rest (ids cell * 3 + part): C = A + B for each part, and each cell's
  // numerator + rest = denominator. C is wanted more than B. Publishing C's denominator, numerator
  // and rest leaves A free; B's denominator would then give A's (27 - 20), so B is hidden, and
  // with it its numerator and rest. C stays shown whole (before the parts were ordered, C's rest
  // came first, could not be published before its numerator, and took C's numerator with it).
  it("hides B whole and leaves the total C shown", async () => {
    const hier = (part: number): [number, number][] => [
      [6 + part, 1],
      [part, -1],
      [3 + part, -1],
    ];
    const cell = (c: number): [number, number][] => [
      [c * 3, 1],
      [c * 3 + 2, 1],
      [c * 3 + 1, -1],
    ];
    const sys = await system([3, 7, 4, 10, 20, 10, 13, 27, 14], {
      0: hier(0),
      1: hier(1),
      2: hier(2),
      3: cell(0),
      4: cell(1),
      5: cell(2),
    });
    const hidden = Uint8Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const guarded = Uint8Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const result = sealBlocks(sys, hidden, guarded, Int32Array.from([0, 1, 2, 10, 11, 12, 20, 21, 22]));
    expect(result.hidden.sort()).toEqual([3, 4, 5]);
    expect([...hidden]).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0]);
  });
});

describe("bounds by linear programming", () => {
  // Two shown sums share b + c: relation 0, a + b + c = 5; relation 1, b + c + d = 7. Their
  // difference says d - a = 2, and d's band bounds it to at most 2, so a = 0 (and d = 2). Solved
  // together, the sums fix neither (two equations, four unknowns); propagation, one sum at a
  // time, leaves a anywhere in 0..5 (b + c may be anything up to 5 as far as each sum alone
  // knows). The LP over both, with d <= 2, gives a exactly 0: pinned.
  it("pins a protected 0 that propagation and the rank test leave open", async () => {
    // vars: a 0, b 1, c 2, d 3, the shown totals 4 (5) and 5 (7)
    const sys = await system([0, 0, 5, 2, 5, 7], {
      0: [
        [0, 1],
        [1, 1],
        [2, 1],
        [4, -1],
      ],
      1: [
        [1, 1],
        [2, 1],
        [3, 1],
        [5, -1],
      ],
    });
    const lo = new Float64Array(6);
    const hi = Float64Array.from([U, U, U, 2, 5, 7]);
    lo[4] = 5;
    lo[5] = 7;
    const state = startState(lo, hi, Uint8Array.from([0, 0, 0, 0, 1, 1]));
    subtract(sys, state);
    solveBlocks(sys, state, new Uint8Array(6));
    tighten(sys, state);
    expect([state.lo[0], state.hi[0]]).toEqual([0, 5]);
    const guarded = Uint8Array.from([1, 0, 0, 0, 0, 0]);
    // two LPs for the block (the targets summed, both ways) leave a in doubt (both give 0), then two of its own
    const lp = await lpBounds(sys, state, guarded);
    expect(lp).toMatchObject({ blocks: 1, lps: 4, skipped: 0, pinned: [0] });
    // with d's band at 3 instead, a lies in 0..1: two values, not pinned
    const wider = startState(
      new Float64Array([0, 0, 0, 0, 5, 7]),
      Float64Array.from([U, U, U, 3, 5, 7]),
      Uint8Array.from([0, 0, 0, 0, 1, 1]),
    );
    expect((await lpBounds(sys, wider, guarded)).pinned).toEqual([]);
  });
});
