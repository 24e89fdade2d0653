// `pathways status`: at a glance, did the last runs work, what is loaded (per kind and period),
// how fresh the warehouse and the site are, and which rejected rows are still counted.
// Reads the landing store read-only; while a run is landing files (it holds the store for
// writing) it reads the warehouse's copies instead and says so.
import fs from "node:fs";
import { siteBuiltFrom } from "../dashboard/build.ts";
import { type Db, openDb } from "../warehouse/connection.ts";
import { type LockHolder, readHolder, staleReason } from "./lock.ts";
import { lockPath } from "./run.ts";
import type { RunRecord } from "./runs.ts";

export interface LoadedPeriod {
  kind: string;
  period: string;
  files: number;
  rows_loaded: number;
  rows_rejected: number;
  last_loaded_at: Date;
}

export interface OpenReject {
  kind: string;
  source_file: string;
  column_name: string;
  rule: string;
  rows: number;
}

export interface Status {
  now: Date;
  source: "landing" | "warehouse" | "none";
  note: string | null;
  running: (LockHolder & { stale: string | null }) | null;
  runs: RunRecord[];
  loaded: LoadedPeriod[];
  rejects: OpenReject[];
  rejectedRows: number;
  warehouse: {
    builtAt: Date | null;
    lastLoadedAt: Date | null;
    nscObservedThrough: string | null;
    synthetic: boolean | null;
    filesBehind: number | null;
  };
  site: { builtFrom: string | null; current: boolean | null };
}

export async function readStatus(options: {
  warehouse: string;
  landing: string;
  dist: string;
  runs?: number;
}): Promise<Status> {
  const holder = readHolder(lockPath(options.warehouse));
  const status: Status = {
    now: new Date(),
    source: "none",
    note: null,
    running: holder ? { ...holder, stale: staleReason(lockPath(options.warehouse), holder) } : null,
    runs: [],
    loaded: [],
    rejects: [],
    rejectedRows: 0,
    warehouse: {
      builtAt: null,
      lastLoadedAt: null,
      nscObservedThrough: null,
      synthetic: null,
      filesBehind: null,
    },
    site: { builtFrom: siteBuiltFrom(options.dist), current: null },
  };
  let landingFiles: number[] | null = null;
  if (fs.existsSync(options.landing)) {
    try {
      const db = await openDb(options.landing, { readOnly: true });
      try {
        await readRecords(db, status, options.runs ?? 10);
        landingFiles = await loadedFileIds(db);
        status.source = "landing";
      } finally {
        db.close();
      }
    } catch (error) {
      status.note = `the landing store is busy (${firstLine(error)}); showing the warehouse's copy as of its build`;
    }
  } else status.note = `no landing store at ${options.landing}: nothing has been loaded`;

  if (fs.existsSync(options.warehouse)) {
    const db = await openDb(options.warehouse, { readOnly: true });
    try {
      if (status.source === "none") {
        await readRecords(db, status, options.runs ?? 10);
        status.source = "warehouse";
      }
      const [info] = await db.all<{
        built_at: Date;
        built_at_text: string;
        last_loaded_at: Date | null;
        nsc: string | null;
        synthetic: boolean;
      }>(
        "select built_at, built_at::varchar as built_at_text, last_loaded_at, nsc_observed_through::varchar as nsc, synthetic from meta.build_info",
      );
      const built = await loadedFileIds(db);
      status.warehouse = {
        builtAt: info?.built_at ?? null,
        lastLoadedAt: info?.last_loaded_at ?? null,
        nscObservedThrough: info?.nsc ?? null,
        synthetic: info?.synthetic ?? null,
        filesBehind: landingFiles ? landingFiles.filter((id) => !built.includes(id)).length : null,
      };
      status.site.current =
        status.site.builtFrom === null ? false : status.site.builtFrom === info?.built_at_text;
    } finally {
      db.close();
    }
  }
  return status;
}

async function readRecords(db: Db, status: Status, runs: number): Promise<void> {
  const hasRuns = await db.all(
    "select 1 from information_schema.tables where table_schema = 'meta' and table_name = 'runs'",
  );
  if (hasRuns.length > 0)
    status.runs = await db.all<RunRecord>(
      `select * exclude (files_new, files_skipped, files_failed, rows_loaded, rows_rejected, pid),
         pid::int as pid, files_new::int as files_new, files_skipped::int as files_skipped,
         files_failed::int as files_failed, rows_loaded::double as rows_loaded,
         rows_rejected::double as rows_rejected
       from meta.runs order by run_id desc limit ${runs}`,
    );
  status.loaded = await db.all<LoadedPeriod>(`
    select kind, period, count(*)::int as files, sum(rows_loaded)::double as rows_loaded,
      sum(rows_rejected)::double as rows_rejected, max(loaded_at) as last_loaded_at
    from meta.files where status = 'loaded' group by all order by kind, period`);
  // open rejects: rows rejected from files still counted (a superseding file closes them)
  status.rejects = await db.all<OpenReject>(`
    select f.kind, r.source_file, r.column_name, r.rule, count(*)::int as rows
    from meta.rejects as r join meta.files as f using (file_id)
    where f.status = 'loaded'
    group by all order by rows desc, r.source_file, r.column_name limit 15`);
  const [total] = await db.all<{ n: number }>(
    "select count(distinct (r.file_id, r.source_row))::double as n from meta.rejects as r join meta.files as f using (file_id) where f.status = 'loaded'",
  );
  status.rejectedRows = total?.n ?? 0;
}

async function loadedFileIds(db: Db): Promise<number[]> {
  const rows = await db.all<{ id: number }>("select file_id as id from meta.files where status = 'loaded'");
  return rows.map((r) => r.id);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] as string;
}

const n = (v: number) => Math.round(v).toLocaleString("en-US");

/** How long ago, in the largest sensible unit. */
export function age(then: Date | null, now: Date): string {
  if (!then) return "never";
  const s = Math.max(0, (now.getTime() - new Date(then).getTime()) / 1000);
  if (s < 90) return `${Math.round(s)} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${(s / 3600).toFixed(1)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

const stamp = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 19).replace("T", " ") : "-");

export function formatStatus(status: Status): string {
  const lines: string[] = [];
  const { now } = status;
  if (status.note) lines.push(`Note: ${status.note}.`, "");

  lines.push("Now");
  if (!status.running) lines.push("  no run in progress");
  else if (status.running.stale)
    lines.push(
      `  a stale lock of pid ${status.running.pid} (${status.running.stale}); the next run takes it over`,
    );
  else
    lines.push(
      `  ${status.running.command} running: pid ${status.running.pid} on ${status.running.host}, started ${age(new Date(status.running.started_at), now)}`,
    );

  lines.push("", "Freshness");
  const w = status.warehouse;
  lines.push(
    `  warehouse built ${stamp(w.builtAt)} UTC (${age(w.builtAt, now)})${w.synthetic ? ", synthetic data" : ""}`,
  );
  if (w.filesBehind !== null)
    lines.push(
      w.filesBehind === 0
        ? "  it holds every loaded file"
        : `  ${w.filesBehind} loaded file(s) are not in it yet: the next run rebuilds it`,
    );
  lines.push(`  latest file loaded ${stamp(w.lastLoadedAt)} UTC (${age(w.lastLoadedAt, now)})`);
  if (w.nscObservedThrough) lines.push(`  NSC returns reach ${w.nscObservedThrough}`);
  lines.push(
    status.site.builtFrom === null
      ? "  dashboard: not built"
      : `  dashboard ${status.site.current ? "shows this warehouse" : `shows the warehouse built ${status.site.builtFrom}: the next run rebuilds it`}`,
  );

  lines.push("", `Last runs (${status.source === "warehouse" ? "as of the warehouse build" : "meta.runs"})`);
  if (status.runs.length === 0) lines.push("  none recorded");
  for (const r of status.runs) {
    const seconds =
      r.finished_at && r.started_at
        ? `${((new Date(r.finished_at).getTime() - new Date(r.started_at).getTime()) / 1000).toFixed(0)} s`
        : "";
    const what = [
      `${r.files_new} new file(s)`,
      r.files_failed ? `${r.files_failed} failed` : null,
      `${n(r.rows_loaded)} rows`,
      r.rows_rejected ? `${n(r.rows_rejected)} rejected` : null,
      r.warehouse_built ? "warehouse rebuilt" : null,
      r.dashboard_built ? "dashboard rebuilt" : null,
    ]
      .filter(Boolean)
      .join(", ");
    lines.push(
      `  #${String(r.run_id).padEnd(4)} ${stamp(r.started_at)}  ${r.status.padEnd(11)} ${seconds.padStart(5)}  ${r.command.padEnd(8)} ${what}`,
    );
    if (r.error) lines.push(`        ${r.error.split("\n")[0]}`);
  }

  lines.push("", "Loaded (files counted, per kind and period)");
  if (status.loaded.length === 0) lines.push("  nothing");
  for (const l of status.loaded)
    lines.push(
      `  ${l.kind.padEnd(15)} ${String(l.period ?? "").padEnd(18)} ${String(l.files).padStart(3)} file(s) ${n(l.rows_loaded).padStart(12)} rows  loaded ${stamp(l.last_loaded_at)}`,
    );

  lines.push("", `Open rejects: ${n(status.rejectedRows)} row(s) of counted files (all in meta.rejects)`);
  for (const r of status.rejects)
    lines.push(`  ${String(r.rows).padStart(7)}  ${r.kind} ${r.source_file} ${r.column_name}: ${r.rule}`);
  return lines.join("\n");
}
