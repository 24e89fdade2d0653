// `pathways ingest` / `pathways validate`: land every file given (folders are walked), one
// transaction per file, so a file that fails changes nothing and does not stop the others.
import fs from "node:fs";
import path from "node:path";
import { openDb } from "../warehouse/connection.ts";
import { type FileReport, failedReport } from "./file-report.ts";
import { idKeyFile, keyForLanding, keyForValidation, studentKeyMacro } from "./id-key.ts";
import { landFile } from "./land.ts";
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
  /** Links are followed only inside this folder, the paths given included (`run`: the incoming folder). */
  within?: string;
  /** The files replace the loaded files of their kind and period (`ingest --replace`). */
  replace?: boolean;
  /** Skip a file whose sha256 failed before (`run`, `schedule`: a bad file is not retried forever). */
  skipFailedBefore?: boolean;
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

/** A path given or found that is not read, and why (a link out of its folder, a loop, the key). */
export interface Refused {
  file: string;
  reason: string;
}

const inside = (file: string, folder: string) => file === folder || file.startsWith(`${folder}${path.sep}`);

/**
 * Data files under the given paths, in a stable order; other files are listed as ignored. A
 * symbolic link inside a folder is followed only to a file or folder inside that same folder; a
 * link out of it, a loop and a link to nothing are refused one by one (the other files still
 * load), and so is any path that leads to a file in `never` (the id key, the landing store).
 */
export function expandPaths(
  paths: string[],
  never: string[] = [],
  /** A folder every link must stay inside, the paths given included (the incoming folder of `run`). */
  within?: string,
): { files: string[]; ignored: string[]; refused: Refused[] } {
  const files: string[] = [];
  const ignored: string[] = [];
  const refused: Refused[] = [];
  const forbidden = new Set(never.filter((f) => fs.existsSync(f)).map((f) => fs.realpathSync(f)));
  const seenFolders = new Set<string>();
  const visit = (p: string, root: string | null) => {
    const link = fs.lstatSync(p, { throwIfNoEntry: false });
    if (!link) throw new Error(`${p}: no such file or folder`);
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch (error) {
      const loop = (error as NodeJS.ErrnoException).code === "ELOOP";
      refused.push({
        file: path.resolve(p),
        reason: loop
          ? "a symbolic link that loops back on itself: not read"
          : "a symbolic link to a file that does not exist: not read",
      });
      return;
    }
    if (link.isSymbolicLink() && root !== null && !inside(real, root)) {
      refused.push({
        file: path.resolve(p),
        reason: `a symbolic link out of the folder ${root}: not followed`,
      });
      return;
    }
    if (forbidden.has(real)) {
      refused.push({
        file: path.resolve(p),
        reason: "the id key or the landing store itself: never read as input",
      });
      return;
    }
    const stat = fs.statSync(real);
    if (stat.isDirectory()) {
      if (seenFolders.has(real)) return;
      seenFolders.add(real);
      for (const entry of fs.readdirSync(p).sort())
        if (!entry.startsWith(".")) visit(path.join(p, entry), root ?? real);
    } else if (DATA_EXTENSIONS.has(path.extname(p).toLowerCase())) files.push(path.resolve(p));
    else ignored.push(path.resolve(p));
  };
  const root = within ? fs.realpathSync(within) : null;
  for (const p of paths) visit(p, root);
  return { files, ignored, refused };
}

export async function ingest(options: IngestOptions): Promise<IngestResult> {
  const landing = options.write ? (options.landing ?? landingPath()) : null;
  const own = landing ?? options.landing ?? landingPath();
  const { files, ignored, refused } = expandPaths(
    options.paths,
    [idKeyFile(own), own, `${own}.wal`],
    options.within,
  );
  if (landing) fs.mkdirSync(path.dirname(landing), { recursive: true });
  // 1 GB for DuckDB keeps the whole process under 2 GB; DuckDB spills beyond it
  const db = await openDb(landing ?? ":memory:", {
    memoryLimit: "1GB",
    tempDirectory: landing ? `${landing}.tmp` : undefined,
  });
  try {
    await ensureLandingSchema(db);
    const key = landing ? await keyForLanding(db, landing) : keyForValidation(own);
    await db.run(studentKeyMacro(key.key));
    const [load] = await db.all<{ id: number }>("select nextval('meta.load_ids')::integer as id");
    const loadId = load?.id as number;
    await db.run(
      `insert into meta.loads values (${loadId}, now(), null, '${options.write ? "ingest" : "validate"}', 'running')`,
    );
    const reports: FileReport[] = refused.map((r) => failedReport(r.file, r.reason));
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
          skipFailedBefore: options.skipFailedBefore,
          replace: options.replace,
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
