// `pathways ingest` / `pathways validate`: land every file given (folders are walked), one
// transaction per file, so a file that fails changes nothing and does not stop the others.
import fs from "node:fs";
import path from "node:path";
import { openDb } from "../warehouse/connection.ts";
import { loadIdKey, studentKeyMacro } from "./id-key.ts";
import { type FileReport, landFile } from "./land.ts";
import type { Mapping } from "./mapping.ts";
import { ensureLandingSchema, landingPath } from "./store.ts";

const DATA_EXTENSIONS = new Set([".csv", ".txt", ".tsv", ".xlsx", ".jsonl", ".ndjson", ".parquet"]);

export interface IngestOptions {
  paths: string[];
  kind?: string;
  /** A mapping for every file given (--map, --mapping). */
  mapping?: Mapping;
  /** Mappings that apply to the files whose header they match (the mappings folder). */
  mappings?: Mapping[];
  /** false: validate only, nothing written (an in-memory store). */
  write: boolean;
  landing?: string;
  onFile?: (file: string, index: number, total: number) => void;
  /** Stop before the next file (the current one finishes: each file is one transaction). */
  signal?: AbortSignal;
}

export interface IngestResult {
  loadId: number;
  landing: string | null;
  files: FileReport[];
  ignored: string[];
  /** Files not reached because the signal stopped the run. */
  notReached: string[];
}

/** Data files under the given paths, in a stable order; other files are listed as ignored. */
export function expandPaths(paths: string[]): { files: string[]; ignored: string[] } {
  const files: string[] = [];
  const ignored: string[] = [];
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${p}: no such file or folder`);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) if (!entry.startsWith(".")) visit(path.join(p, entry));
    } else if (DATA_EXTENSIONS.has(path.extname(p).toLowerCase())) files.push(path.resolve(p));
    else ignored.push(path.resolve(p));
  };
  for (const p of paths) visit(p);
  return { files, ignored };
}

export async function ingest(options: IngestOptions): Promise<IngestResult> {
  const { files, ignored } = expandPaths(options.paths);
  const landing = options.write ? (options.landing ?? landingPath()) : null;
  if (landing) fs.mkdirSync(path.dirname(landing), { recursive: true });
  // 1 GB for DuckDB keeps the whole process under 2 GB; DuckDB spills beyond it
  const db = await openDb(landing ?? ":memory:", {
    memoryLimit: "1GB",
    tempDirectory: landing ? `${landing}.tmp` : undefined,
  });
  try {
    await ensureLandingSchema(db);
    await db.run(studentKeyMacro(loadIdKey()));
    const [load] = await db.all<{ id: number }>("select nextval('meta.load_ids')::integer as id");
    const loadId = load?.id as number;
    await db.run(
      `insert into meta.loads values (${loadId}, now(), null, '${options.write ? "ingest" : "validate"}', 'running')`,
    );
    const reports: FileReport[] = [];
    const notReached: string[] = [];
    for (const [i, file] of files.entries()) {
      if (options.signal?.aborted) {
        notReached.push(...files.slice(i));
        break;
      }
      options.onFile?.(file, i, files.length);
      reports.push(
        await landFile(db, file, {
          kind: options.kind,
          loadId,
          write: options.write,
          mapping: options.mapping,
          mappings: options.mappings,
        }),
      );
    }
    const failed = reports.some((r) => r.status === "failed");
    const status = notReached.length > 0 ? "interrupted" : failed ? "partial" : "ok";
    await db.run(`update meta.loads set finished_at = now(), status = '${status}' where load_id = ${loadId}`);
    if (landing) await db.run("checkpoint");
    return { loadId, landing, files: reports, ignored, notReached };
  } finally {
    db.close();
  }
}
