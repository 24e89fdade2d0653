// Validation of one file's rows in SQL: every failed rule of every row goes to <table>_bad
// (row, column_name, value, rule). Exact duplicate rows are not failures: they go to
// <table>_exact (row, duplicate_of) and load once.
import type { KindSpec } from "../sources/kind.ts";
import type { Db } from "../warehouse/connection.ts";
import { sqlString } from "../warehouse/connection.ts";
import type { HeaderMap } from "./headers.ts";

export interface RejectSummary {
  column: string;
  rule: string;
  count: number;
  firstRow: number;
  firstValue: string | null;
  /** The most frequent rejected values (at most 10) with their counts: what a mapping must cover. */
  values: { value: string; count: number }[];
  /** How many different values were rejected. */
  distinctValues: number;
  /** Spellings the field accepts besides its codes. */
  accepts?: string;
}

/** Values of the student id are never stored, not even in meta.rejects. */
export const WITHHELD = "(withheld: student id)";

/** Up to this many rows, a file's values are checked by one `select distinct` per column. */
const SMALL_FILE_ROWS = 50_000;

export const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Rows whose every field equals an earlier row's: into <table>_exact (row, duplicate_of).
 * Rows are grouped by a hash of all their fields first (one cheap pass); only rows whose hash
 * repeats are compared field by field, so the cost is one hash per row.
 */
export async function findExactDuplicates(db: Db, table: string, headers: string[]): Promise<number> {
  const columns = headers.map(q).join(", ");
  await db.run(`create temp table ${table}_exact as
    with hashed as (select __row, hash(${columns}) as __h from ${table}),
    repeated as (select __h from hashed group by __h having count(*) > 1),
    candidates as (select t.* from ${table} t join hashed using (__row) semi join repeated using (__h))
    select unnest(__rows[2:]) as row, __rows[1] as duplicate_of
    from (select list(__row order by __row) as __rows from candidates group by ${columns} having count(*) > 1)`);
  const [n] = await db.all<{ n: number }>(`select count(*)::bigint as n from ${table}_exact`);
  return Number(n?.n ?? 0);
}

/**
 * Every failed rule of every row, into <table>_bad (row, column_name, value, rule).
 * Rules are checked on each column's distinct values, so the cost
 * grows with the number of distinct values, not of rows; only columns that have a bad value are
 * scanned again to find its rows. Rows that share a key but differ elsewhere are all rejected,
 * each naming the others: the file does not say which one is right.
 */
export async function findProblems(
  db: Db,
  spec: KindSpec,
  map: HeaderMap,
  table: string,
  rows: number,
): Promise<void> {
  const present = spec.fields.filter((f) => map.fields.has(f.name));
  const col = (f: (typeof present)[number]) => q(map.fields.get(f.name) as string);
  // the distinct values that break a rule; NULL stands for an empty required field. A small file
  // (the fixed cost of most files) takes one `select distinct` per column, 3-5x faster than one
  // list(distinct) over all columns; a large one the list, whose unnest keeps the check on distinct
  // values (over a `select distinct` DuckDB checks every row: 10x slower on the state's plans file)
  const badValues = present.map((f, i) => {
    const isBad = `((${f.normalize("v")}) is null)`;
    const optional = `(nullif(trim(v), '') is not null and upper(trim(v)) <> 'N/A' and ${isBad})`;
    // the list leaves NULL out, and n<i> says whether the column had one
    return rows <= SMALL_FILE_ROWS
      ? `select ${i} as f, v from (select distinct ${col(f)} as v from ${table})
          where ${f.required ? `(v is null or ${isBad})` : optional}`
      : `select ${i} as f, v from (select unnest(d${i}) as v from ${table}_distinct) where ${f.required ? isBad : optional}
          ${f.required ? `union all select ${i}, null from ${table}_distinct where n${i}` : ""}`;
  });
  if (rows > SMALL_FILE_ROWS)
    await db.run(`create temp table ${table}_distinct as select
      ${present.map((f, i) => `list(distinct ${col(f)}) as d${i}, bool_or(${col(f)} is null) as n${i}`).join(",\n")}
      from ${table}`);
  await db.run(`create temp table ${table}_badvalues as ${badValues.join(" union all ")}`);
  const flagged = await db.all<{ f: number }>(`select distinct f from ${table}_badvalues order by f`);
  const parts = flagged.map(({ f }) => {
    const field = present[f] as (typeof present)[number];
    const c = col(field);
    const value =
      field.name === spec.identity
        ? `case when nullif(trim(${c}), '') is not null then ${sqlString(WITHHELD)} end`
        : `left(${c}, 200)`;
    return `select t.__row as row, ${sqlString(field.name)} as column_name, ${value} as value, ${sqlString(field.rule)} as rule
      from ${table} t where ${c} in (select v from ${table}_badvalues where f = ${f} and v is not null)
        or (${c} is null and exists (select 1 from ${table}_badvalues where f = ${f} and v is null))`;
  });

  const keyed = spec.key.filter((k) => map.fields.has(k));
  if (keyed.length === spec.key.length && keyed.length > 0) {
    const keys = keyed.map((k) => q(map.fields.get(k) as string));
    const names = keyed.join(", ");
    // exact duplicates load once and are not a conflict. The repeated keys are found first by a
    // count alone (it spills to disk when it must), and only their rows are listed: a list for every
    // key of a 20-million-row file ran out of memory at ingest's 1 GB
    const sameKey = keys.map((k) => `t.${k} is not distinct from r.${k}`);
    await db.run(`create temp table ${table}_dupkeys as
      with repeated as (
        select ${keys.join(", ")} from ${table} t anti join ${table}_exact e on e.row = t.__row
        group by all having count(*) > 1
      )
      select ${keys.map((k) => `t.${k}`).join(", ")}, list(t.__row order by t.__row) as __rows
      from ${table} t join repeated r on ${sameKey.join(" and ")}
      anti join ${table}_exact e on e.row = t.__row
      group by all`);
    const [dups] = await db.all<{ n: number }>(`select count(*)::int as n from ${table}_dupkeys`);
    if ((dups?.n ?? 0) > 0) {
      parts.push(`select t.__row as row, ${sqlString(names)} as column_name, null as value,
          'rows ' || array_to_string(d.__rows, ', ') || ' have the same ' || ${sqlString(names)}
            || ' but other values differ: none of them loaded (duplicate key)' as rule
        from ${table} t join ${table}_dupkeys d using (${keys.join(", ")})
        anti join ${table}_exact e on e.row = t.__row`);
    }
  }
  await db.run(`create temp table ${table}_bad as
    ${parts.length > 0 ? parts.join(" union all ") : "select null::bigint as row, null::varchar as column_name, null::varchar as value, null::varchar as rule where false"}`);
  // a row repeating a rejected row exactly is rejected with it, for the same reasons
  await db.run(`insert into ${table}_bad
    select e.row, b.column_name, b.value, b.rule from ${table}_exact e join ${table}_bad b on b.row = e.duplicate_of`);
  await db.run(
    `drop table if exists ${table}_distinct; drop table ${table}_badvalues; drop table if exists ${table}_dupkeys`,
  );
}

/** One line per column and rule, with the most frequent rejected values. */
export async function summarizeRejects(db: Db, table: string, spec: KindSpec): Promise<RejectSummary[]> {
  const rows = await db.all<{
    column: string;
    rule: string;
    count: number;
    first_row: number;
    first_value: string | null;
    distinct_values: number;
    top: { value: string; count: number }[] | null;
  }>(`
    with generic as (
      -- key conflicts name their rows in meta.rejects; the summary counts them under one rule
      select row, column_name, value,
        regexp_replace(rule, '^rows [0-9, ]+ have the same', 'rows that have the same') as rule
      from ${table}
    ),
    counted as (
      select coalesce(column_name, '(row)') as "column", rule, value, count(*) as n, min(row) as first_row
      from generic group by all
    )
    select "column", rule, sum(n)::bigint as count, min(first_row)::bigint as first_row,
      arg_min(value, first_row) as first_value,
      count(value)::bigint as distinct_values,
      list({'value': value, 'count': n::bigint} order by n desc, value) filter (where value is not null) as top
    from counted group by all order by count desc, "column"`);
  return rows.map((r) => ({
    column: r.column,
    rule: r.rule,
    count: Number(r.count),
    firstRow: Number(r.first_row),
    firstValue: r.first_value,
    values: (r.top ?? []).slice(0, 10).map((v) => ({ value: v.value, count: Number(v.count) })),
    distinctValues: Number(r.distinct_values),
    accepts: spec.fields.find((f) => f.name === r.column)?.accepts,
  }));
}
