// Read-only SQL for researchers, the way Datasette serves SQLite, in a sandbox of its own: each
// query runs in a separate process (query-process.ts) that opens the warehouse READ_ONLY, refuses
// every statement but a single SELECT, cannot touch a file, and has a memory limit and a time
// limit. The limit holds even for one expression DuckDB cannot interrupt: a watchdog here ends the
// process. Results stop at a row cap that is reported, never silent.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SQL_DIR } from "../config.ts";
import { writePublicRelease } from "../publish/release.ts";
import { readSqlFolder } from "./models.ts";
import type { SandboxReply, SandboxRequest } from "./query-process.ts";

export const EXAMPLES_DIR = path.join(SQL_DIR, "examples");

/** The sandbox's defaults (docs/researchers.md). */
export const SANDBOX = { timeoutMs: 30_000, maxRows: 1000, memoryLimit: "2GB", threads: 2, graceMs: 2000 };

export interface QueryOptions {
  timeoutMs?: number;
  maxRows?: number;
  /** DuckDB memory_limit of the query process (default 2GB). */
  memoryLimit?: string;
  threads?: number;
  /** Query a database holding the public tables alone (what `export --public` writes). */
  publicOnly?: boolean;
  /** Values of the SQL's named parameters ($name). */
  params?: Record<string, string>;
}

export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
  /** More rows existed than maxRows; only maxRows are returned. */
  truncated: boolean;
  ms: number;
}

export class QueryError extends Error {}

// compiled (build/, by npm install): the sandbox is build/query-process.js, plain JavaScript that
// starts fast; run from the sources it is the TypeScript file, through tsx's loader
const COMPILED = import.meta.url.endsWith(".js");
const PROCESS = fileURLToPath(
  new URL(COMPILED ? "./query-process.js" : "./query-process.ts", import.meta.url),
);
const LOADER = COMPILED
  ? []
  : ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href];
/** Results larger than this are not read back (the row cap normally keeps them far smaller). */
const MAX_REPLY_BYTES = 256 * 1024 * 1024;

export async function runQuery(
  warehouse: string,
  sql: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  if (!fs.existsSync(warehouse))
    throw new QueryError(`no warehouse at ${warehouse}: run pathways build first`);
  const request: SandboxRequest = {
    database: warehouse,
    sql,
    maxRows: options.maxRows ?? SANDBOX.maxRows,
    timeoutMs: options.timeoutMs ?? SANDBOX.timeoutMs,
    memoryLimit: options.memoryLimit ?? SANDBOX.memoryLimit,
    threads: options.threads ?? SANDBOX.threads,
    params: options.params,
  };
  if (!options.publicOnly) return inSandbox(request);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pathways-public-"));
  try {
    request.database = path.join(dir, "public.duckdb");
    await writePublicRelease(warehouse, request.database);
    return await inSandbox(request);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The sandbox process bin/pathways.js started ahead for a `query` command, if any: it loads DuckDB
 * while the CLI itself starts, which halves the wait. Taken once; a query without one starts its own.
 */
const PRESTARTED = Symbol.for("pathways.sandbox");
function takePrestarted(): ChildProcessWithoutNullStreams | undefined {
  const holder = globalThis as { [PRESTARTED]?: ChildProcessWithoutNullStreams };
  const child = holder[PRESTARTED];
  delete holder[PRESTARTED];
  return child && child.exitCode === null && child.signalCode === null ? child : undefined;
}

function inSandbox(request: SandboxRequest): Promise<QueryResult> {
  const started = performance.now();
  const limit = request.timeoutMs / 1000;
  return new Promise((resolve, reject) => {
    const child =
      takePrestarted() ??
      spawn(process.execPath, ["--max-old-space-size=1024", ...LOADER, PROCESS], {
        stdio: ["pipe", "pipe", "pipe"],
      });
    const out: Buffer[] = [];
    let bytes = 0;
    let ended: string | null = null;
    const end = (why: string) => {
      ended ??= why;
      child.kill("SIGKILL");
    };
    // the process interrupts its own query at the limit; this ends it if the interrupt does not take
    const watchdog = setTimeout(
      () => end(`the query was stopped after the time limit of ${limit} s (its process was ended)`),
      request.timeoutMs + SANDBOX.graceMs,
    );
    child.stdout.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_REPLY_BYTES) end("the result is larger than 256 MB: select fewer or smaller values");
      else out.push(chunk);
    });
    const err: Buffer[] = [];
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => {
      clearTimeout(watchdog);
      reject(new QueryError(`the query process could not start: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(watchdog);
      if (ended) return reject(new QueryError(ended));
      let reply: SandboxReply;
      try {
        reply = JSON.parse(Buffer.concat(out).toString("utf8")) as SandboxReply;
      } catch {
        const why = signal ? `ended by ${signal}` : `exit ${code}`;
        const oom = /heap out of memory/i.test(Buffer.concat(err).toString("utf8"));
        return reject(
          new QueryError(
            oom
              ? "the result needs more memory than the sandbox allows"
              : `the query process failed (${why})`,
          ),
        );
      }
      if (reply.ok)
        return resolve({
          columns: reply.columns,
          rows: reply.rows,
          truncated: reply.truncated,
          ms: performance.now() - started,
        });
      reject(
        new QueryError(
          reply.timedOut ? `the query was stopped after the time limit of ${limit} s` : reply.error,
        ),
      );
    });
    child.stdin.end(JSON.stringify(request));
  });
}

export interface ExampleParam {
  name: string;
  description: string;
  /** Used when the parameter is not given. */
  default?: string;
}

export interface Example {
  name: string;
  title: string;
  description: string;
  /** Named parameters ($name in the SQL), declared in the header as `-- param name[ = default]: description`. */
  params: ExampleParam[];
  sql: string;
}

const PARAM = /^param\s+(\w+)(?:\s*=\s*([^:]+?))?\s*:\s*(.*)$/;

/** The named example queries: sql/examples/<name>.sql, whose header comment gives title, description and parameters. */
export function listExamples(dir = EXAMPLES_DIR): Example[] {
  return readSqlFolder(dir).map((f) => {
    const [title = f.name, ...rest] = f.header;
    const params: ExampleParam[] = [];
    const description: string[] = [];
    for (const line of rest) {
      const m = PARAM.exec(line.trim());
      if (m) params.push({ name: m[1] ?? "", default: m[2], description: m[3] ?? "" });
      else description.push(line.trim());
    }
    return { name: f.name, title, description: description.join(" ").trim(), params, sql: f.sql };
  });
}

/** The values to bind for an example: the given ones, defaults for the rest; an unknown or missing one is an error. */
export function exampleParams(example: Example, given: Record<string, string>): Record<string, string> {
  const declared = new Map(example.params.map((p) => [p.name, p]));
  const unknown = Object.keys(given).filter((n) => !declared.has(n));
  const missing = example.params.filter((p) => given[p.name] === undefined && p.default === undefined);
  if (unknown.length > 0 || missing.length > 0) {
    const usage = example.params.map(
      (p) => `  --param ${p.name}=...  ${p.description}${p.default ? ` (default ${p.default})` : ""}`,
    );
    throw new QueryError(
      `${[unknown.length ? `${example.name} has no parameter ${unknown.join(", ")}` : "", missing.length ? `${example.name} needs ${missing.map((p) => p.name).join(", ")}` : ""].filter(Boolean).join("; ")}:\n${usage.join("\n")}`,
    );
  }
  return Object.fromEntries(example.params.map((p) => [p.name, given[p.name] ?? p.default ?? ""]));
}

export function findExample(name: string): Example {
  const examples = listExamples();
  const found = examples.find((e) => e.name === name);
  if (!found) {
    throw new QueryError(`no example named "${name}"; examples: ${examples.map((e) => e.name).join(", ")}`);
  }
  return found;
}
