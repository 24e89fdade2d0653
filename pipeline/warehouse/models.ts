// The SQL models and their lineage, read from the SQL itself (jaffle-shop's ref(), without the
// braces): every .sql file in a layer folder of sql/ is one model that creates one table or view
// named after its folder and file (sql/core/dim_student.sql creates core.dim_student), and the
// tables it reads are the schema-qualified names in its SQL, plus those the macros it calls read.
// The build runs the models in an order derived from those reads, and refuses a model that reads
// a table no model or source builds, or a cycle.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "./connection.ts";
import { MACROS_DIR, readMacros } from "./macros.ts";

/** Layer folders in the order they usually run; a folder is the schema its models write. */
export const LAYERS = ["staging", "core", "intermediate", "marts", "meta"];

/** Folders under sql/ that hold SQL which is not a model: researchers' examples, build invariants, macros. */
const NOT_MODELS = new Set(["examples", "tests", MACROS_DIR]);

export interface Model {
  /** Path relative to the sql folder, e.g. "core/dim_student.sql". */
  name: string;
  /** The table or view it creates, e.g. "core.dim_student". */
  table: string;
  sql: string;
  /** Tables it reads: other models' tables, or sources such as landing.raw.nsc. */
  reads: string[];
  /** A model computed in TypeScript (fitting iterates): `sql` then holds only its documentation header. */
  run?: (db: Db) => Promise<void>;
  /** Where the model is written, from the repository root, when not sql/<name>. */
  file?: string;
}

/** The file a model is written in, from the repository root. */
export const modelFile = (m: Model) => m.file ?? `sql/${m.name}`;

export class LineageError extends Error {}

/** SQL without comments and string literals, so neither can name a table. */
export function sqlCode(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, " ");
}

const CREATES =
  /\bcreate\s+(?:or\s+replace\s+)?(temp\s+|temporary\s+)?(table|view|macro)\s+(?:if\s+not\s+exists\s+)?([\w.]+)/gi;

/** The schema-qualified names `code` mentions in the given schemas (landing.x.y names a source). */
function tablesNamed(code: string, schemas: string[]): string[] {
  const pattern = new RegExp(
    `(?<![\\w.])(landing\\.\\w+\\.\\w+|(?:${schemas.join("|")})\\.\\w+)(?![\\w.(])`,
    "gi",
  );
  return [...new Set([...code.matchAll(pattern)].map((m) => (m[1] ?? "").toLowerCase()))];
}

/** Each macro's name and the tables its definition reads (is_loaded_file reads landing.meta.files). */
function macroReads(sqlDir: string, schemas: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of readMacros(sqlDir)) {
    for (const statement of sqlCode(file.sql).split(";")) {
      const [match] = statement.matchAll(CREATES);
      if (match?.[2]?.toLowerCase() === "macro")
        out.set((match[3] ?? "").toLowerCase(), tablesNamed(statement, schemas));
    }
  }
  return out;
}

function modelFiles(sqlDir: string): string[] {
  const out: string[] = [];
  for (const folder of fs.readdirSync(sqlDir, { withFileTypes: true })) {
    if (!folder.isDirectory() || NOT_MODELS.has(folder.name)) continue;
    for (const file of fs.readdirSync(path.join(sqlDir, folder.name))) {
      if (file.endsWith(".sql")) out.push(`${folder.name}/${file}`);
    }
  }
  return out.sort();
}

/** Read one model: the one table it creates (named after its file) and what it reads. */
function readModel(sqlDir: string, name: string, schemas: string[], macros: Map<string, string[]>): Model {
  const sql = fs.readFileSync(path.join(sqlDir, name), "utf8");
  const code = sqlCode(sql);
  const table = name.replace(/\.sql$/, "").replace("/", ".");
  const creates = [...code.matchAll(CREATES)];
  const made = creates.map((m) => `${m[1] ? "temp " : ""}${m[2]?.toLowerCase()} ${m[3]?.toLowerCase()}`);
  if (creates.length !== 1 || creates[0]?.[1] || creates[0]?.[2]?.toLowerCase() === "macro")
    throw new LineageError(
      `${name}: a model creates exactly one table or view (${table}); this one creates ${made.length ? made.join(", ") : "nothing"}`,
    );
  if (creates[0]?.[3]?.toLowerCase() !== table)
    throw new LineageError(
      `${name}: creates ${creates[0]?.[3]}, but a model is named after its file: ${table}`,
    );
  const reads = new Set(tablesNamed(code, schemas).filter((t) => t !== table));
  for (const [macro, tables] of macros) {
    if (new RegExp(`\\b${macro}\\s*\\(`, "i").test(code)) for (const t of tables) reads.add(t);
  }
  return { name, table, sql, reads: [...reads].sort() };
}

const layerRank = (m: Model) => {
  const i = LAYERS.indexOf(m.table.split(".")[0] ?? "");
  return i < 0 ? LAYERS.length : i;
};

/**
 * Every model under `sqlDir`, ordered so that each runs after the models it reads (ties: layer,
 * then name). `sources`: the tables that exist before any model runs (the landing store's).
 */
export function loadModels(sqlDir: string, sources: readonly string[] = [], computed: Model[] = []): Model[] {
  const files = modelFiles(sqlDir);
  const schemas = [...new Set(files.map((f) => f.split("/")[0] ?? ""))];
  const macros = macroReads(sqlDir, schemas);
  const models = [...files.map((f) => readModel(sqlDir, f, schemas, macros)), ...computed];
  const byTable = new Map(models.map((m) => [m.table, m]));
  const known = new Set(sources.map((s) => s.toLowerCase()));
  for (const m of models) {
    const missing = m.reads.filter((t) => !byTable.has(t) && !known.has(t));
    if (missing.length > 0)
      throw new LineageError(
        `${m.name} reads ${missing.join(", ")}, which no model in sql/ creates and no source provides`,
      );
  }
  return order(models, byTable);
}

function order(models: Model[], byTable: Map<string, Model>): Model[] {
  const done = new Set<string>();
  const out: Model[] = [];
  const waiting = [...models].sort((a, b) => layerRank(a) - layerRank(b) || a.name.localeCompare(b.name));
  while (waiting.length > 0) {
    const i = waiting.findIndex((m) => m.reads.every((t) => !byTable.has(t) || done.has(t)));
    if (i < 0)
      throw new LineageError(
        `the models read each other in a cycle: ${cycle(waiting, byTable).join(" -> ")}`,
      );
    const [next] = waiting.splice(i, 1);
    if (!next) break;
    out.push(next);
    done.add(next.table);
  }
  return out;
}

/** One cycle among models none of which can run, as a path of tables. */
function cycle(stuck: Model[], byTable: Map<string, Model>): string[] {
  const blocked = new Set(stuck.map((m) => m.table));
  const pathSoFar: string[] = [];
  let at = stuck[0];
  while (at && !pathSoFar.includes(at.table)) {
    pathSoFar.push(at.table);
    const next = at.reads.find((t) => blocked.has(t));
    at = next ? byTable.get(next) : undefined;
  }
  return at ? [...pathSoFar.slice(pathSoFar.indexOf(at.table)), at.table] : pathSoFar;
}

/** Models that read each table: the other direction of `reads`. */
export function readBy(models: Model[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of models) for (const t of m.reads) out.set(t, [...(out.get(t) ?? []), m.table]);
  return out;
}

export interface SqlFile {
  /** File name without .sql. */
  name: string;
  sql: string;
  /** The leading comment block, one entry per line, without the `--`. */
  header: string[];
}

/** The .sql files of one folder (not recursive), in name order, with their header comments. */
export function readSqlFolder(dir: string): SqlFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(dir, f), "utf8");
      const header: string[] = [];
      for (const line of sql.split(/\r?\n/)) {
        if (!line.startsWith("--")) break;
        header.push(line.replace(/^--\s?/, ""));
      }
      return { name: f.replace(/\.sql$/, ""), sql, header };
    });
}
