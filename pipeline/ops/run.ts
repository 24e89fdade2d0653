// One refresh: land whatever is new in the incoming folder, rebuild the warehouse if its inputs
// changed, rebuild the dashboard if the warehouse changed. Used by `run`, `schedule` and `demo`.
//
// Safety, step by step: the lock keeps runs one at a time across processes; each file lands in
// its own transaction; the warehouse and the site are published by rename(2), so a run killed at
// any point leaves the old ones; the next run removes what a dead run left and closes its row in
// meta.runs. A stop request (AbortSignal) lets the current file finish, abandons a build.
import fs from "node:fs";
import path from "node:path";
import { buildDashboard, siteBuiltFrom, warehouseBuiltAt } from "../dashboard/build.ts";
import { type IngestResult, ingest } from "../ingest/ingest.ts";
import { MAPPINGS_FOLDER, mappingsIn } from "../ingest/mapping.ts";
import { buildWarehouse } from "../warehouse/build.ts";
import { openDb } from "../warehouse/connection.ts";
import { removeLeftovers } from "./cleanup.ts";
import { checkDisk, explainIoError, isDiskError } from "./disk.ts";
import { type LockHolder, tryLock } from "./lock.ts";
import { beginRun, type RunStatus, type RunStep, updateRun } from "./runs.ts";

export interface RunOptions {
  incoming: string;
  warehouse: string;
  landing: string;
  /** The site folder; null: no dashboard step. */
  dist: string | null;
  command: string;
  /** Rebuild the warehouse and the site even when nothing changed. */
  force?: boolean;
  /** Entries of the incoming folder to leave alone (the demo's second accountability layout). */
  exclude?: string[];
  signal?: AbortSignal;
  memoryLimit?: string;
  /** Progress for people: one line per step and file. */
  onProgress?: (message: string) => void;
}

export interface RunOutcome {
  /** `skipped`: another run held the lock (not recorded in meta.runs: the store is theirs). */
  status: RunStatus | "skipped";
  runId: number | null;
  step: RunStep;
  startedAt: Date;
  finishedAt: Date;
  ingest: IngestResult | null;
  warehouseBuilt: boolean;
  dashboardBuilt: boolean;
  /** Why nothing was rebuilt, when nothing was. */
  upToDate: string[];
  leftoversRemoved: string[];
  closedAbandoned: number;
  heldBy?: LockHolder | null;
  error: string | null;
}

export function lockPath(warehouse: string): string {
  return `${path.resolve(warehouse)}.lock`;
}

/** Run one step by hand (`ingest`, `build`, `dashboard build`) under the run lock, or say who holds it. */
export async function withRunLock<T>(warehouse: string, command: string, work: () => Promise<T>): Promise<T> {
  const attempt = tryLock(lockPath(warehouse), command);
  if (!attempt.ok) {
    const h = attempt.holder;
    throw new Error(
      `another run is in progress${h ? `: ${h.command}, pid ${h.pid} on ${h.host}, since ${h.started_at}` : ""} ` +
        `(${lockPath(warehouse)}); try again when it has finished`,
    );
  }
  try {
    return await work();
  } finally {
    attempt.lock.release();
  }
}

export async function runPipeline(options: RunOptions): Promise<RunOutcome> {
  const outcome: RunOutcome = {
    status: "running",
    runId: null,
    step: "start",
    startedAt: new Date(),
    finishedAt: new Date(),
    ingest: null,
    warehouseBuilt: false,
    dashboardBuilt: false,
    upToDate: [],
    leftoversRemoved: [],
    closedAbandoned: 0,
    error: null,
  };
  const finish = (status: RunOutcome["status"], error: string | null = null) => {
    outcome.status = status;
    outcome.error = error;
    outcome.finishedAt = new Date();
    return outcome;
  };
  const progress = options.onProgress ?? (() => {});
  const dist = options.dist ? path.resolve(options.dist) : null;

  if (!fs.existsSync(options.incoming) || !fs.statSync(options.incoming).isDirectory())
    return finish("failed", `no incoming folder at ${options.incoming}`);
  try {
    checkDisk({
      warehouse: options.warehouse,
      folders: [
        path.dirname(options.warehouse),
        path.dirname(options.landing),
        ...(dist ? [path.dirname(dist)] : []),
      ],
    });
  } catch (error) {
    return finish("failed", (error as Error).message);
  }

  const attempt = tryLock(lockPath(options.warehouse), options.command);
  if (!attempt.ok) {
    outcome.heldBy = attempt.holder;
    const who = attempt.holder
      ? `${attempt.holder.command} (pid ${attempt.holder.pid} on ${attempt.holder.host}, since ${attempt.holder.started_at})`
      : "another run";
    return finish("skipped", `${who} holds ${lockPath(options.warehouse)}`);
  }
  const { lock } = attempt;
  try {
    if (lock.tookOverFrom)
      progress(`took over a stale lock of pid ${lock.tookOverFrom.pid}: ${lock.tookOverFrom.reason}`);
    outcome.leftoversRemoved = removeLeftovers([options.warehouse, ...(dist ? [dist] : [])]);
    for (const f of outcome.leftoversRemoved) progress(`removed the leftover of a dead run: ${f}`);
    const begun = await beginRun(options.landing, options.command);
    outcome.runId = begun.runId;
    outcome.closedAbandoned = begun.closedAbandoned;
    await steps(options, outcome, dist, progress);
    const failed = outcome.ingest?.files.filter((f) => f.status === "failed") ?? [];
    if (failed.length === 0) finish("succeeded");
    else
      finish(
        "partial",
        `${failed.length} file(s) could not be loaded, the others were: ` +
          failed.map((f) => `${path.relative(options.incoming, f.file)}: ${f.error}`).join("; "),
      );
  } catch (error) {
    const stopped = options.signal?.aborted ?? false;
    const message = isDiskError(error)
      ? `${explainIoError(error)}; the published warehouse and site are unchanged`
      : error instanceof Error
        ? error.message
        : String(error);
    finish(
      stopped ? "interrupted" : "failed",
      stopped ? `stopped during ${outcome.step}: ${message}` : message,
    );
  } finally {
    if (outcome.runId !== null) await record(options.landing, outcome);
    lock.release();
  }
  return outcome;
}

async function steps(
  options: RunOptions,
  outcome: RunOutcome,
  dist: string | null,
  progress: (message: string) => void,
): Promise<void> {
  const enter = async (step: RunStep) => {
    options.signal?.throwIfAborted();
    outcome.step = step;
    progress(`step: ${step}`);
    await updateRun(options.landing, outcome.runId as number, { step });
  };

  await enter("ingest");
  const excluded = new Set([...(options.exclude ?? []), MAPPINGS_FOLDER]);
  const entries = fs
    .readdirSync(options.incoming)
    .filter((e) => !e.startsWith(".") && !excluded.has(e))
    .map((e) => path.join(options.incoming, e));
  const landed = await ingest({
    paths: entries,
    mappings: mappingsIn(path.join(options.incoming, MAPPINGS_FOLDER)),
    write: true,
    landing: options.landing,
    within: options.incoming,
    // a file that failed is not tried on every run until it changes
    skipFailedBefore: true,
    signal: options.signal,
    onFile: (file, i, n) => progress(`ingest ${i + 1}/${n}: ${path.relative(options.incoming, file)}`),
  });
  outcome.ingest = landed;
  await updateRun(options.landing, outcome.runId as number, counts(outcome));
  options.signal?.throwIfAborted();

  const inputs = await landedInputs(options.landing);
  const built = await landedInputsOf(options.warehouse);
  if (options.force || inputs !== built) {
    await enter("build");
    const built = await buildWarehouse({
      target: options.warehouse,
      landing: options.landing,
      memoryLimit: options.memoryLimit,
      signal: options.signal,
      onModel: (name, i, n) => progress(`build ${i + 1}/${n}: ${name}`),
    });
    const a = built.disclosure.audit;
    progress(
      `disclosure: ${a.protectedCells} protected cells, ${built.disclosure.complements} complements; the audit pinned down ${a.recovered + a.bounded}`,
    );
    outcome.warehouseBuilt = true;
  } else outcome.upToDate.push("warehouse: no new input since it was built");

  if (dist) {
    const builtAt = await warehouseBuiltAt(options.warehouse);
    if (options.force || builtAt === null || siteBuiltFrom(dist) !== builtAt) {
      await enter("dashboard");
      await buildDashboard({ warehouse: options.warehouse, dist, signal: options.signal });
      outcome.dashboardBuilt = true;
    } else outcome.upToDate.push("dashboard: already shows this warehouse");
  }
  outcome.step = "done";
}

/** The loaded files the landing store counts, as a comparable key. */
async function landedInputs(landing: string): Promise<string> {
  return inputsKey(landing, "meta.files");
}

/** The same key for the files a published warehouse was built from (its copy of meta.files). */
async function landedInputsOf(warehouse: string): Promise<string | null> {
  if (!fs.existsSync(warehouse)) return null;
  return inputsKey(warehouse, "meta.files").catch(() => null);
}

async function inputsKey(file: string, table: string): Promise<string> {
  const db = await openDb(file, { readOnly: true });
  try {
    const [row] = await db.all<{ key: string }>(
      `select coalesce(string_agg(file_id::varchar, ',' order by file_id), '') as key from ${table} where status = 'loaded'`,
    );
    return row?.key ?? "";
  } finally {
    db.close();
  }
}

function counts(outcome: RunOutcome) {
  const files = outcome.ingest?.files ?? [];
  const sum = (k: "rowsLoaded" | "rowsRejected") =>
    files.filter((f) => f.status === "loaded").reduce((a, f) => a + f[k], 0);
  return {
    load_id: outcome.ingest?.loadId ?? null,
    files_new: files.filter((f) => f.status === "loaded").length,
    files_skipped: files.filter((f) => f.status === "skipped").length,
    files_failed: files.filter((f) => f.status === "failed").length,
    rows_loaded: sum("rowsLoaded"),
    rows_rejected: sum("rowsRejected"),
  };
}

/** Close the run's row; if even that fails (disk full), the log line still says what happened. */
async function record(landing: string, outcome: RunOutcome): Promise<void> {
  try {
    await updateRun(landing, outcome.runId as number, {
      ...counts(outcome),
      status: outcome.status as RunStatus,
      step: outcome.step,
      warehouse_built: outcome.warehouseBuilt,
      dashboard_built: outcome.dashboardBuilt,
      error: outcome.error,
    });
  } catch (error) {
    outcome.error = `${outcome.error ?? ""}${outcome.error ? "; " : ""}could not record the run in meta.runs: ${explainIoError(error)}`;
  }
}

/** The structured log line of a run: one JSON object, the same fields as meta.runs. */
export function logLine(outcome: RunOutcome, command: string): string {
  const c = counts(outcome);
  return JSON.stringify({
    time: outcome.finishedAt.toISOString(),
    event: "run",
    command,
    run_id: outcome.runId,
    status: outcome.status,
    step: outcome.step,
    started_at: outcome.startedAt.toISOString(),
    seconds: +((outcome.finishedAt.getTime() - outcome.startedAt.getTime()) / 1000).toFixed(1),
    ...c,
    warehouse_built: outcome.warehouseBuilt,
    dashboard_built: outcome.dashboardBuilt,
    up_to_date: outcome.upToDate,
    leftovers_removed: outcome.leftoversRemoved.length,
    abandoned_runs_closed: outcome.closedAbandoned,
    error: outcome.error,
  });
}
