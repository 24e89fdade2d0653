// The public release as a database of its own: what the dashboard's data loaders read. It holds
// the public marts exactly as `pathways export --public` writes them (every hidden number
// nulled), the districts and schools (names, locales), and the build's metadata, and nothing
// else: no student records, no unprotected counts. A site built from it can tell no more than the
// public export, which the auditor attacks before the file is written.
import fs from "node:fs";
import { openDb, sqlString } from "../warehouse/connection.ts";
import { PUBLIC_TABLES } from "../warehouse/export.ts";
import { type AuditResult, auditRelease, leaks } from "./audit.ts";
import { DisclosureError } from "./disclose.ts";
import { DEFAULT_CODING } from "./protect.ts";

/** Tables without student counts that the dashboard may show as they are. */
const DESCRIPTIVE = [
  "core.dim_district",
  "core.dim_school",
  "meta.build_info",
  "meta.files",
  "meta.disclosure_audit",
];

/**
 * Attack the warehouse's release again (the dashboard publishes it) and, if nothing is disclosed,
 * write the public release database to `target`. Throws DisclosureError otherwise.
 */
export async function writePublicRelease(warehouse: string, target: string): Promise<AuditResult> {
  const db = await openDb(warehouse, { readOnly: true });
  let audit: AuditResult;
  try {
    const [built] = await db.all<{ min_n: number; code_below: number; code_above: number }>(
      "select min_n::int as min_n, code_below::int as code_below, code_above::int as code_above from meta.build_info",
    );
    const settings = built
      ? { minN: built.min_n, codeBelow: built.code_below, codeAbove: built.code_above }
      : DEFAULT_CODING;
    audit = await auditRelease(db, { settings });
  } finally {
    db.close();
  }
  if (leaks(audit) > 0) throw new DisclosureError(audit);

  for (const f of [target, `${target}.wal`]) fs.rmSync(f, { force: true });
  const out = await openDb(target);
  try {
    const [own] = await out.all<{ name: string }>("select current_database() as name");
    const self = `"${own?.name}"`;
    // the SELECTs name the warehouse's tables unqualified: run them with the warehouse as the default
    await out.run(`attach ${sqlString(warehouse)} as wh (read_only);
      create schema ${self}.marts; create schema ${self}.meta; create schema ${self}.core; use wh;`);
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
  return audit;
}
