// The attacker's fixed points (propagate.ts) on systems small enough to work by hand. Each case
// gives the relations as (relation number, [var, coef]...) and the attacker's starting bounds; the
// expected bounds, rounds and pinning relations are worked out in the comments.
import { describe, expect, it } from "vitest";
import { startState, subtract, tighten, UNBOUNDED } from "../pipeline/publish/propagate.ts";
import { closeInMemory } from "../pipeline/publish/protect.ts";
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
