// The privacy scan: every text column of a database, split into tokens, joined against the raw
// student ids of a generated state (and the generator's fictional name tokens).
import { openDb } from "../../pipeline/warehouse/connection.ts";
import { memoryDb } from "./duck.ts";

export async function rawIds(studentsCsv: string): Promise<string[]> {
  const db = await memoryDb();
  try {
    const rows = await db.all<{ id: string }>(
      `select distinct student_id as id from read_csv('${studentsCsv}', all_varchar = true)`,
    );
    return rows.map((r) => r.id);
  } finally {
    db.close();
  }
}

/** [table, column, hits] for every VARCHAR/JSON column of the database (one read-only connection). */
export async function scanForIds(database: string, ids: string[]): Promise<[string, string, number][]> {
  const db = await openDb(database, { readOnly: true });
  try {
    const columns = await db.all<{ t: string; c: string }>(
      `select table_schema || '.' || table_name as t, column_name as c from information_schema.columns
       where data_type in ('VARCHAR', 'JSON', 'VARCHAR[]') and table_catalog = current_database()`,
    );
    const idList = ids.map((id) => `'${id}'`).join(", ");
    await db.run(`create temp table scan_ids as select unnest([${idList}]) as id`);
    const out: [string, string, number][] = [];
    for (const { t, c } of columns) {
      const [hit] = await db.all<{ n: number }>(
        `with v as (select "${c}"::varchar as v from ${t}),
           tokens as (select unnest(regexp_extract_all(v, '[0-9A-Za-z]+')) as token from v)
         select ((select count(*) from tokens join scan_ids on scan_ids.id = tokens.token)
           + (select count(*) from v where regexp_matches(v, 'SYN(FIRST|MID|LAST)')))::int as n`,
      );
      out.push([t, c, hit?.n ?? -1]);
    }
    return out;
  } finally {
    db.close();
  }
}
