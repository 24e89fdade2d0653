// The public release as a database of its own: what the dashboard's data loaders read. It holds
// the public marts exactly as `pathways export --public` writes them (every hidden number
// nulled), the district directory and the latest cohorts (no counts), and the build's metadata,
// and nothing else: no core table, no student records, no unprotected counts. A site built from it can tell no more than the
// public export, which the build's auditor attacked.
import fs from "node:fs";
import { openDb, sqlString } from "../warehouse/connection.ts";
import { PUBLIC_TABLES } from "../warehouse/export.ts";

/** Tables without student counts that the dashboard may show as they are. */
const DESCRIPTIVE = [
  "marts.districts",
  "marts.schools",
  "marts.latest_cohorts",
  "meta.build_info",
  "meta.files",
  "meta.disclosure_audit",
];

/**
 * Write the public release database to `target`, if the warehouse's build audited its release and
 * found nothing (meta.disclosure_audit; the build refuses to publish otherwise, so a warehouse
 * without a clean audit was not built by this version). `pathways audit` attacks it again by hand.
 */
export async function writePublicRelease(warehouse: string, target: string): Promise<void> {
  const db = await openDb(warehouse, { readOnly: true });
  try {
    const audits = await db
      .all<{ n: number }>(
        "select (recovered + bounded + gap_leaks + grade_leaks)::int as n from meta.disclosure_audit",
      )
      .catch(() => []);
    if (audits.length !== 1 || audits[0]?.n !== 0)
      throw new Error(
        `${warehouse} has no clean disclosure audit (meta.disclosure_audit): rebuild it with pathways build; the previous site is unchanged`,
      );
  } finally {
    db.close();
  }

  for (const f of [target, `${target}.wal`]) fs.rmSync(f, { force: true });
  const out = await openDb(target);
  try {
    const [own] = await out.all<{ name: string }>("select current_database() as name");
    const self = `"${own?.name}"`;
    // the SELECTs name the warehouse's tables unqualified: run them with the warehouse as the default
    await out.run(`attach ${sqlString(warehouse)} as wh (read_only);
      create schema ${self}.marts; create schema ${self}.meta; use wh;`);
    const tables: Record<string, string> = {
      ...PUBLIC_TABLES,
      ...Object.fromEntries(DESCRIPTIVE.map((t) => [t, `select * from ${t}`])),
    };
    for (const [table, select] of Object.entries(tables)) {
      await out.run(`create table ${self}.${table} as ${select}`);
    }
    await out.run(`use ${self}; detach wh; checkpoint;`);
  } finally {
    out.close();
  }
}
