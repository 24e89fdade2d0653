// The relations restricted to the vars the attacker does not know, split into blocks that share
// no unknown (connected components): a known term only moves a relation's constant, so a relation
// tells something only through its unknown terms, and two blocks tell nothing about each other.
import type { Sparse } from "./gauss.ts";
import type { RelationSystem } from "./system.ts";

export interface Block {
  /** the unknown vars of the block (system indices) */
  vars: number[];
  /** its relations (system indices) and each restricted to its unknown vars (var -> coefficient) */
  rels: number[];
  rows: Sparse[];
}

/**
 * The blocks of the relations with at least one and at most `maxUnknown` unknown terms (a
 * relation with more joins no two blocks, but belongs to the block that holds all its unknowns:
 * the blocks then hold what the relations with few unknowns determine, with every relation that
 * lies within them). Blocks of more than `maxVars` unknowns are counted, not built; blocks of
 * `settled` vars only are neither.
 */
export function unknownBlocks(
  sys: RelationSystem,
  unknown: Uint8Array,
  maxUnknown: number,
  maxVars = Number.POSITIVE_INFINITY,
  settled?: Uint8Array,
): { blocks: Block[]; skipped: number } {
  const { relStart, termVar } = sys;
  const parent = new Int32Array(sys.vars).fill(-1);
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[v] !== r) {
      const next = parent[v] as number;
      parent[v] = r;
      v = next;
    }
    return r;
  };
  const chosen: number[] = [];
  for (let r = 0; r < sys.rels; r++) {
    let count = 0;
    for (let t = relStart[r] as number; t < (relStart[r + 1] as number); t++)
      if (unknown[termVar[t] as number]) count++;
    if (count === 0 || count > maxUnknown) continue;
    chosen.push(r);
    let first = -1;
    for (let t = relStart[r] as number; t < (relStart[r + 1] as number); t++) {
      const v = termVar[t] as number;
      if (!unknown[v]) continue;
      if (parent[v] === -1) parent[v] = v;
      const root = find(v);
      if (first < 0) first = root;
      else if (root !== first) parent[root] = first;
    }
  }
  // the blocks' sizes first: a block too large to solve is not built
  const size = new Int32Array(sys.vars);
  for (let v = 0; v < sys.vars; v++) if (parent[v] !== -1) size[find(v)] = (size[find(v)] as number) + 1;
  let skipped = 0;
  for (let v = 0; v < sys.vars; v++) if (parent[v] === v && (size[v] as number) > maxVars) skipped++;
  // not built: a block too large, and a block of settled vars only (solved whole before, and
  // nothing learned about it since)
  const build = new Uint8Array(sys.vars);
  for (let v = 0; v < sys.vars; v++)
    if (parent[v] !== -1 && !settled?.[v] && (size[find(v)] as number) <= maxVars) build[find(v)] = 1;
  const blockOf = new Map<number, Block>();
  for (const r of chosen) {
    let head = -1;
    for (let t = relStart[r] as number; head < 0 && t < (relStart[r + 1] as number); t++)
      if (unknown[termVar[t] as number]) head = termVar[t] as number;
    const root = find(head);
    if (!build[root]) continue;
    const row = rowOf(sys, r, (v) => unknown[v] === 1);
    let block = blockOf.get(root);
    if (!block) {
      block = { vars: [], rels: [], rows: [] };
      blockOf.set(root, block);
    }
    block.rels.push(r);
    block.rows.push(row);
  }
  // a relation with more unknowns whose unknowns all lie in one block belongs to it too
  if (Number.isFinite(maxUnknown))
    for (let r = 0; r < sys.rels; r++) {
      let root = -1;
      let count = 0;
      let inOne = true;
      for (let t = relStart[r] as number; inOne && t < (relStart[r + 1] as number); t++) {
        const v = termVar[t] as number;
        if (!unknown[v]) continue;
        count++;
        if (parent[v] === -1) inOne = false;
        else if (root === -1) root = find(v);
        else if (find(v) !== root) inOne = false;
      }
      const block = blockOf.get(root);
      if (!inOne || count <= maxUnknown || !block) continue;
      block.rels.push(r);
      block.rows.push(rowOf(sys, r, (v) => unknown[v] === 1));
    }
  for (let v = 0; v < sys.vars; v++) if (parent[v] !== -1) blockOf.get(find(v))?.vars.push(v);
  return { blocks: [...blockOf.values()], skipped };
}

/** Relation r restricted to the vars `keep` accepts (var -> coefficient). */
export function rowOf(sys: RelationSystem, r: number, keep: (v: number) => boolean): Sparse {
  const row: Sparse = new Map();
  for (let t = sys.relStart[r] as number; t < (sys.relStart[r + 1] as number); t++) {
    const v = sys.termVar[t] as number;
    if (keep(v)) row.set(v, (row.get(v) ?? 0) + (sys.termCoef[t] as number));
  }
  return row;
}
