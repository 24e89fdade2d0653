// The landing store: raw.* (what arrived, with lineage) and meta.* (files, rejects, loads).
// Files are appended in one transaction each; the published warehouse is rebuilt from here.
import path from "node:path";
import { warehousePath } from "../config.ts";
import { KINDS } from "../sources/index.ts";
import type { KindSpec } from "../sources/kind.ts";
import type { Db } from "../warehouse/connection.ts";

export function landingPath(warehouseOption?: string): string {
  return (
    process.env.PATHWAYS_LANDING ?? path.join(path.dirname(warehousePath(warehouseOption)), "landing.duckdb")
  );
}

/** The landing store's tables, as the warehouse build sees them (attached as `landing`). */
export function landingTables(): string[] {
  const meta = ["runs", "loads", "files", "rejects", "duplicates", "failed_files", "id_key"];
  return [...KINDS.map((k) => `landing.${rawTable(k)}`), ...meta.map((t) => `landing.meta.${t}`)];
}

export function rawTable(spec: KindSpec): string {
  return `raw.${spec.kind}`;
}

/** Raw columns: the contract's fields as arrived (VARCHAR), the identity as student_key only. */
export function rawColumns(spec: KindSpec): string[] {
  return spec.fields.filter((f) => f.name !== spec.identity).map((f) => f.name);
}

export async function ensureLandingSchema(db: Db): Promise<void> {
  await db.run(`
    create schema if not exists raw;
    create schema if not exists meta;
    create sequence if not exists meta.load_ids start 1;
    create sequence if not exists meta.file_ids start 1;
    create table if not exists meta.loads (
      load_id integer primary key, started_at timestamp, finished_at timestamp, command varchar, status varchar
    );
    create table if not exists meta.files (
      file_id integer primary key, load_id integer, source_file varchar, sha256 varchar, bytes bigint,
      kind varchar, period varchar, rows_read bigint, rows_loaded bigint, rows_rejected bigint,
      dropped_columns varchar[], extra_columns varchar[], status varchar, superseded_by integer,
      loaded_at timestamp
    );
    -- files landed before these columns existed keep working
    alter table meta.files add column if not exists rows_duplicate bigint default 0;
    alter table meta.files add column if not exists mapping varchar;
    create table if not exists meta.duplicates (
      load_id integer, file_id integer, source_file varchar, source_row bigint, duplicate_of bigint
    );
    create table if not exists meta.rejects (
      load_id integer, file_id integer, source_file varchar, source_row bigint, column_name varchar,
      value varchar, rule varchar
    );
    create table if not exists meta.failed_files (
      sha256 varchar, source_file varchar, error varchar, failed_at timestamp, load_id integer
    );
    create sequence if not exists meta.run_ids start 1;
    create table if not exists meta.runs (
      run_id integer primary key, command varchar, pid integer, host varchar, started_at timestamp,
      finished_at timestamp, status varchar, step varchar, load_id integer, files_new integer,
      files_skipped integer, files_failed integer, rows_loaded bigint, rows_rejected bigint,
      warehouse_built boolean, dashboard_built boolean, error varchar
    );`);
  for (const spec of KINDS) {
    const identity = spec.identity ? "student_key varchar," : "";
    const columns = rawColumns(spec)
      .map((c) => `"${c}" varchar`)
      .join(", ");
    await db.run(`create table if not exists ${rawTable(spec)} (
      load_id integer, file_id integer, source_row bigint, ${identity} ${columns}, extras json)`);
  }
}
