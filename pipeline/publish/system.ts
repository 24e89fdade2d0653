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
  const [size] = await db.all<{ cells: number; ids: number; rels: number }>(`
    select (select count(*) from rel_cells)::int as cells, (select coalesce(max(var) + 1, 0) from rel_vars)::int as ids,
      (select coalesce(max(rel) + 1, 0) from rel_terms)::int as rels`);
  const cells = size?.cells ?? 0;
  const rels = size?.rels ?? 0;

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

  const kinds = Object.fromEntries(
    (await db.all<{ kind: string; n: number }>("select kind, relations as n from rel_kinds order by 1")).map(
      (r) => [r.kind, r.n],
    ),
  );
  const terms: TermSource = (take) =>
    readColumns(db, "select rel, var, coef from rel_terms", (cols, rows) =>
      take(cols[0] as Int32Array, cols[1] as Int32Array, cols[2] as Int8Array, rows),
    );
  return systemOf(varId, indexOf, truth, rels, terms, kinds);
}

/** Hands every term (relation number, var id, coef) to `take`, a batch at a time, in any order. */
export type TermSource = (
  take: (rel: Int32Array, varId: Int32Array, coef: Int8Array, rows: number) => void,
) => Promise<void>;

/**
 * A RelationSystem from vars in index order (their ids and true values) and the terms. The terms
 * are read twice rather than held in a copy (tens of millions at state scale): once to count them
 * and renumber the relations by their first var, once to place them (a counting sort).
 */
export async function systemOf(
  varId: Int32Array,
  indexOf: Int32Array,
  truth: Float64Array,
  rels: number,
  terms: TermSource,
  kinds: Record<string, number> = {},
): Promise<RelationSystem> {
  const vars = varId.length;
  const firstVar = new Int32Array(rels).fill(vars);
  const relCount = new Int32Array(rels);
  const varCount = new Int32Array(vars);
  await terms((rel, id, _coef, rows) => {
    for (let i = 0; i < rows; i++) {
      const r = rel[i] as number;
      const v = indexOf[id[i] as number] as number;
      if (v < (firstVar[r] as number)) firstVar[r] = v;
      relCount[r] = (relCount[r] as number) + 1;
      varCount[v] = (varCount[v] as number) + 1;
    }
  });
  // by first var, then number (a counting sort: stable, so equal first vars keep their numbers' order)
  const relId = new Int32Array(rels);
  const byFirst = startsOf(firstVar, vars + 1);
  for (let r = 0; r < rels; r++) {
    const f = firstVar[r] as number;
    relId[byFirst[f] as number] = r;
    byFirst[f] = (byFirst[f] as number) + 1;
  }
  const relIndex = new Int32Array(rels);
  const relStart = new Int32Array(rels + 1);
  for (let i = 0; i < rels; i++) {
    const r = relId[i] as number;
    relIndex[r] = i;
    relStart[i + 1] = (relStart[i] as number) + (relCount[r] as number);
  }
  const varStart = new Int32Array(vars + 1);
  for (let v = 0; v < vars; v++) varStart[v + 1] = (varStart[v] as number) + (varCount[v] as number);

  const total = relStart[rels] as number;
  const termVar = new Int32Array(total);
  const termCoef = new Int8Array(total);
  const varRel = new Int32Array(total);
  const relFill = relStart.slice(0, rels);
  const varFill = varStart.slice(0, vars);
  await terms((rel, id, coef, rows) => {
    for (let i = 0; i < rows; i++) {
      const r = relIndex[rel[i] as number] as number;
      const v = indexOf[id[i] as number] as number;
      const slot = relFill[r] as number;
      relFill[r] = slot + 1;
      termVar[slot] = v;
      termCoef[slot] = coef[i] as number;
      const vslot = varFill[v] as number;
      varFill[v] = vslot + 1;
      varRel[vslot] = r;
    }
  });
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
  await db.timed(`read ${sql}`, async () => {
    const result = await db.connection.stream(sql);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const columns: Column[] = [];
      for (let c = 0; c < chunk.columnCount; c++) {
        const vector = chunk.getColumnVector(c) as unknown as { items?: Column };
        if (!vector.items)
          throw new Error(`readColumns: column ${c} of "${sql}" is not a fixed-width number`);
        columns.push(vector.items);
      }
      take(columns, chunk.rowCount);
    }
  });
}

/** Append the rel_vars ids of these vars (system indices) to a temp table of one BIGINT column. */
export async function appendVars(
  db: Db,
  table: string,
  sys: RelationSystem,
  vars: Iterable<number>,
): Promise<void> {
  const appender = await db.connection.createAppender(table, "main", "temp");
  for (const v of vars) {
    appender.appendBigInt(BigInt(sys.varId[v] as number));
    appender.endRow();
  }
  appender.closeSync();
}

/** The system indices v with keep(v), in order. */
export function* varsWhere(sys: RelationSystem, keep: (v: number) => boolean): Generator<number> {
  for (let v = 0; v < sys.vars; v++) if (keep(v)) yield v;
}
