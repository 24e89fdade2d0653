// Opening DuckDB and reading results as plain objects. I/O edge: everything else takes a Db.
import fs from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";

export interface DbOptions {
  readOnly?: boolean;
  /** DuckDB memory_limit, e.g. "2GB". DuckDB spills to temp_directory beyond it. */
  memoryLimit?: string;
  threads?: number;
  tempDirectory?: string;
}

export interface Db {
  readonly path: string;
  readonly connection: DuckDBConnection;
  run(sql: string): Promise<void>;
  all<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Time other work on the connection (a streamed read) as the statement `sql`, when profiling. */
  timed<R>(sql: string, work: () => Promise<R>): Promise<R>;
  close(): void;
}

export async function openDb(path: string, options: DbOptions = {}): Promise<Db> {
  const settings: Record<string, string> = {};
  if (options.readOnly) settings.access_mode = "READ_ONLY";
  if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
  if (options.threads) settings.threads = String(options.threads);
  if (options.tempDirectory) settings.temp_directory = options.tempDirectory;
  // loaded on first use, so that commands that never open a database start without it
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(path, settings);
  const connection = await instance.connect();
  const timed = profiler();
  return {
    path,
    connection,
    async run(sql) {
      await timed(sql, () => connection.run(sql));
    },
    async all<T>(sql: string) {
      const reader = await timed(sql, () => connection.runAndReadAll(sql));
      return reader.getRowObjectsJS() as T[];
    },
    timed,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * With PATHWAYS_SQL_PROFILE set to a file, every statement's wall time is appended to it as a JSON
 * line {ms, sql: its first line}; bench/sql-profile.ts sums them by statement. Off, a bare call.
 */
function profiler(): <R>(sql: string, work: () => Promise<R>) => Promise<R> {
  const file = process.env.PATHWAYS_SQL_PROFILE;
  if (!file) return (_sql, work) => work();
  return async (sql, work) => {
    const started = performance.now();
    const result = await work();
    const first = sql.split("\n").find((l) => l.trim() && !l.trim().startsWith("--")) ?? "";
    fs.appendFileSync(
      file,
      `${JSON.stringify({ ms: performance.now() - started, sql: first.trim().slice(0, 120) })}\n`,
    );
    return result;
  };
}

/** Quote a string as a SQL literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
