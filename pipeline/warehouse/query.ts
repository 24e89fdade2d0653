// Read-only SQL for researchers, the way Datasette serves SQLite: the warehouse is opened
// READ_ONLY with external access off and the configuration locked (a query cannot read or write
// files or change settings), every query has a time limit, and results stop at a row cap that
// is reported, never silent.
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { SQL_DIR } from "../config.ts";
import { readSqlFolder } from "./models.ts";

export const EXAMPLES_DIR = path.join(SQL_DIR, "examples");

export interface QueryOptions {
  timeoutMs?: number;
  maxRows?: number;
}

export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
  /** More rows existed than maxRows; only maxRows are returned. */
  truncated: boolean;
  ms: number;
}

export class QueryError extends Error {}

export async function runQuery(
  warehouse: string,
  sql: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRows = options.maxRows ?? 1000;
  if (!fs.existsSync(warehouse))
    throw new QueryError(`no warehouse at ${warehouse}: run pathways build first`);
  const instance = await DuckDBInstance.create(warehouse, {
    access_mode: "READ_ONLY",
    enable_external_access: "false",
    lock_configuration: "true",
  });
  const connection = await instance.connect();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, timeoutMs);
  const started = performance.now();
  try {
    const reader = await connection.streamAndReadUntil(sql, maxRows + 1);
    const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
    return {
      columns: reader.columnNames(),
      rows: rows.slice(0, maxRows),
      truncated: rows.length > maxRows,
      ms: performance.now() - started,
    };
  } catch (error) {
    if (timedOut) throw new QueryError(`the query was stopped after the time limit of ${timeoutMs / 1000} s`);
    throw new QueryError((error as Error).message);
  } finally {
    clearTimeout(timer);
    connection.closeSync();
    instance.closeSync();
  }
}

export interface Example {
  name: string;
  title: string;
  description: string;
  sql: string;
}

/** The named example queries: sql/examples/<name>.sql, whose header comment gives title and description. */
export function listExamples(dir = EXAMPLES_DIR): Example[] {
  return readSqlFolder(dir).map((f) => ({
    name: f.name,
    title: f.header[0] ?? f.name,
    description: f.header.slice(1).join(" ").trim(),
    sql: f.sql,
  }));
}

export function findExample(name: string): Example {
  const examples = listExamples();
  const found = examples.find((e) => e.name === name);
  if (!found) {
    throw new QueryError(`no example named "${name}"; examples: ${examples.map((e) => e.name).join(", ")}`);
  }
  return found;
}
