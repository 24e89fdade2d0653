// meta.runs in the landing store: one row per `run` (also from `schedule` and `demo`), inserted
// when it starts and completed when it ends. A row still `running` when the next run takes the
// lock belongs to a process that was killed or crashed: it is closed as `interrupted`.
// The store is opened only for these short writes, so ingest and build can open it themselves.
import os from "node:os";
import { ensureLandingSchema } from "../ingest/store.ts";
import { openDb, sqlString } from "../warehouse/connection.ts";

export type RunStatus = "running" | "succeeded" | "partial" | "failed" | "interrupted";
export type RunStep = "start" | "ingest" | "build" | "dashboard" | "done";

export interface RunRecord {
  run_id: number;
  command: string;
  pid: number;
  host: string;
  started_at: Date;
  finished_at: Date | null;
  status: RunStatus;
  step: RunStep;
  load_id: number | null;
  files_new: number;
  files_skipped: number;
  files_failed: number;
  rows_loaded: number;
  rows_rejected: number;
  warehouse_built: boolean;
  dashboard_built: boolean;
  error: string | null;
}

export type RunUpdate = Partial<Omit<RunRecord, "run_id" | "command" | "pid" | "host" | "started_at">>;

/** Open a run: close the runs (and loads) a dead process left open, insert ours. Call with the lock held. */
export async function beginRun(
  landing: string,
  command: string,
): Promise<{ runId: number; closedAbandoned: number }> {
  const db = await openDb(landing);
  try {
    await ensureLandingSchema(db);
    const [abandoned] = await db.all<{ n: number }>(
      "select count(*)::int as n from meta.runs where status = 'running'",
    );
    await db.run(`update meta.runs set status = 'interrupted',
        error = coalesce(error, 'the process ended during step ' || step || ' (killed or crashed); nothing of that step was published')
      where status = 'running'`);
    await db.run("update meta.loads set status = 'interrupted' where status = 'running'");
    const [row] = await db.all<{ id: number }>("select nextval('meta.run_ids')::int as id");
    const runId = row?.id as number;
    await db.run(`insert into meta.runs (run_id, command, pid, host, started_at, status, step,
        files_new, files_skipped, files_failed, rows_loaded, rows_rejected, warehouse_built, dashboard_built)
      values (${runId}, ${sqlString(command)}, ${process.pid}, ${sqlString(os.hostname())}, now(), 'running',
        'start', 0, 0, 0, 0, 0, false, false)`);
    return { runId, closedAbandoned: abandoned?.n ?? 0 };
  } finally {
    db.close();
  }
}

export async function updateRun(landing: string, runId: number, update: RunUpdate): Promise<void> {
  const sets = Object.entries(update).map(([column, value]) => `${column} = ${literal(value)}`);
  if (update.status && update.status !== "running") sets.push("finished_at = now()");
  if (sets.length === 0) return;
  const db = await openDb(landing);
  try {
    await db.run(`update meta.runs set ${sets.join(", ")} where run_id = ${runId}`);
  } finally {
    db.close();
  }
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return `${sqlString(value.toISOString())}::timestamp`;
  // control characters (a corrupt file's header in an error message) shown, not sent to the parser
  const text = Array.from(String(value), (c) => {
    const code = c.charCodeAt(0);
    return code < 32 && c !== "\n" && c !== "\t" ? `\\x${code.toString(16).padStart(2, "0")}` : c;
  }).join("");
  return sqlString(text);
}
