// The relations of relations.ts as typed arrays, for the fixed-point loops of propagate.ts. SQL
// builds the relations (set work over every cell); an attack is a loop of many small rounds over
// a sparse graph, each touching only what the last round changed, which SQL can only do by
// rewriting whole tables each round (79% of a state build's time). Here a round is a pass over
// the touched relations in memory.
import type { Db } from "../warehouse/connection.ts";

/**
 * Relations and their terms in both directions (compressed sparse rows). Vars and relations are
 * indexed in an order of their own, chosen so that the vars of a relation lie close together in
 * memory (an attack round is bound by memory latency, not arithmetic): by cohort, then the state,
 * then each district followed by its schools, then subgroup and indicator; relations by their
 * first var. varId and relId give back the numbers of rel_vars and rel_terms.
 */
export interface RelationSystem {
  vars: number;
  rels: number;
  /** rel_vars.var of each var index; indexOf[var] is its index */
  varId: Int32Array;
  indexOf: Int32Array;
  /** rel_terms.rel of each relation index: ties between relations are broken by it */
  relId: Int32Array;
  /** the terms of relation r are relStart[r] .. relStart[r + 1] - 1 */
  relStart: Int32Array;
  termVar: Int32Array;
  termCoef: Int8Array;
  /** the relations of var v are varRel[varStart[v] .. varStart[v + 1] - 1] (once per term) */
  varStart: Int32Array;
  varRel: Int32Array;
  /** the true value of each var */
  truth: Float64Array;
  /** how many relations of each kind (for the audit's report) */
  kinds: Record<string, number>;
}

/** Read rel_terms and rel_vars (see relations.ts) into a RelationSystem. */
export async function loadSystem(db: Db): Promise<RelationSystem> {
  const [size] = await db.all<{ cells: number; ids: number; rels: number; terms: number }>(`
    select (select count(*) from rel_cells)::int as cells, (select coalesce(max(var) + 1, 0) from rel_vars)::int as ids,
      (select coalesce(max(rel) + 1, 0) from rel_terms)::int as rels,
      (select count(*) from rel_terms)::int as terms`);
  const cells = size?.cells ?? 0;
  const rels = size?.rels ?? 0;
  const terms = size?.terms ?? 0;

  // each var's place: its cell's rank in the order above, times 3, plus its part (a count cell
  // has no rest, so some places stay empty and are closed up below)
  const varAtPlace = new Int32Array(cells * 3).fill(-1);
  const truthAtPlace = new Float64Array(cells * 3);
  await readColumns(
    db,
    `with places as (
      select cell, row_number() over (order by cohort, level <> 'state',
        try_cast(split_part(entity_id, '-', 1) as integer), level = 'school', entity_id,
        subgroup_type, subgroup, source, band, indicator) - 1 as place
      from rel_cells
    )
    select v.var::int, (p.place * 3 + v.part)::int, v.truth::double from rel_vars v join places p using (cell)`,
    (cols, n) => {
      const [v, place, t] = cols as [Int32Array, Int32Array, Float64Array];
      for (let i = 0; i < n; i++) {
        varAtPlace[place[i] as number] = v[i] as number;
        truthAtPlace[place[i] as number] = t[i] as number;
      }
    },
  );
  let vars = 0;
  for (const v of varAtPlace) if (v >= 0) vars++;
  const varId = new Int32Array(vars);
  const truth = new Float64Array(vars);
  const indexOf = new Int32Array(size?.ids ?? 0).fill(-1);
  for (let place = 0, i = 0; place < varAtPlace.length; place++) {
    const v = varAtPlace[place] as number;
    if (v < 0) continue;
    varId[i] = v;
    truth[i] = truthAtPlace[place] as number;
    indexOf[v] = i++;
  }

  // the terms arrive in any order: relations renumbered by their first var, then terms placed
  // by counting sort, per relation and per var
  const termRel = new Int32Array(terms);
  const termVarRaw = new Int32Array(terms);
  const termCoefRaw = new Int8Array(terms);
  let n = 0;
  await readColumns(db, "select rel::int, var::int, coef::tinyint from rel_terms", (cols, rows) => {
    const [r, v, c] = cols as [Int32Array, Int32Array, Int8Array];
    for (let i = 0; i < rows; i++, n++) {
      termRel[n] = r[i] as number;
      termVarRaw[n] = indexOf[v[i] as number] as number;
      termCoefRaw[n] = c[i] as number;
    }
  });
  const kinds = Object.fromEntries(
    (
      await db.all<{ kind: string; n: number }>(
        "select kind, count(distinct rel)::int as n from rel_terms group by 1 order by 1",
      )
    ).map((r) => [r.kind, r.n]),
  );
  return systemOf(varId, indexOf, truth, rels, termRel, termVarRaw, termCoefRaw, kinds);
}

/**
 * A RelationSystem from vars in index order (their ids and true values) and terms in any order
 * (relation number, var index, coef; termRel is renumbered in place).
 */
export function systemOf(
  varId: Int32Array,
  indexOf: Int32Array,
  truth: Float64Array,
  rels: number,
  termRel: Int32Array,
  termVarRaw: Int32Array,
  termCoefRaw: Int8Array,
  kinds: Record<string, number> = {},
): RelationSystem {
  const vars = varId.length;
  const terms = termRel.length;
  const firstVar = new Int32Array(rels).fill(vars);
  for (let i = 0; i < terms; i++) {
    const r = termRel[i] as number;
    if ((termVarRaw[i] as number) < (firstVar[r] as number)) firstVar[r] = termVarRaw[i] as number;
  }
  // by first var, then number (a counting sort: stable, so equal first vars keep their numbers' order)
  const relId = new Int32Array(rels);
  const byFirst = startsOf(firstVar, vars + 1);
  for (let r = 0; r < rels; r++) {
    const f = firstVar[r] as number;
    relId[byFirst[f] as number] = r;
    byFirst[f] = (byFirst[f] as number) + 1;
  }
  const relIndex = new Int32Array(rels);
  for (let i = 0; i < rels; i++) relIndex[relId[i] as number] = i;
  for (let i = 0; i < terms; i++) termRel[i] = relIndex[termRel[i] as number] as number;

  const relStart = startsOf(termRel, rels);
  const varStart = startsOf(termVarRaw, vars);
  const termVar = new Int32Array(terms);
  const termCoef = new Int8Array(terms);
  const varRel = new Int32Array(terms);
  const relFill = relStart.slice(0, rels);
  const varFill = varStart.slice(0, vars);
  for (let i = 0; i < terms; i++) {
    const r = termRel[i] as number;
    const v = termVarRaw[i] as number;
    const slot = relFill[r] as number;
    relFill[r] = slot + 1;
    termVar[slot] = v;
    termCoef[slot] = termCoefRaw[i] as number;
    const vslot = varFill[v] as number;
    varFill[v] = vslot + 1;
    varRel[vslot] = r;
  }
  return { vars, rels, varId, indexOf, relId, relStart, termVar, termCoef, varStart, varRel, truth, kinds };
}

/** Offsets where each key's rows start, from the keys of every row (length keys + 1). */
function startsOf(keys: Int32Array, count: number): Int32Array {
  const starts = new Int32Array(count + 1);
  for (const k of keys) starts[k + 1] = (starts[k + 1] as number) + 1;
  for (let i = 0; i < count; i++) starts[i + 1] = (starts[i + 1] as number) + (starts[i] as number);
  return starts;
}

type Column = Int32Array | Int8Array | Float64Array;

/**
 * Stream a query's chunks, handing each chunk's columns to `take` as typed arrays (valid only during
 * the call). The columns must be non-null INTEGER, TINYINT or DOUBLE (a boolean: cast to TINYINT).
 */
export async function readColumns(
  db: Db,
  sql: string,
  take: (columns: Column[], rows: number) => void,
): Promise<void> {
  const result = await db.connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const columns: Column[] = [];
    for (let c = 0; c < chunk.columnCount; c++) {
      const vector = chunk.getColumnVector(c) as unknown as { items?: Column };
      if (!vector.items) throw new Error(`readColumns: column ${c} of "${sql}" is not a fixed-width number`);
      columns.push(vector.items);
    }
    take(columns, chunk.rowCount);
  }
}
