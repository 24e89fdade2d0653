// Build the warehouse atomically: run every model into a new file next to the target, and
// rename it over the target only when all of them succeeded. Readers never see a half build,
// and a failed build leaves the last good warehouse exactly as it was.
import fs from "node:fs";
import path from "node:path";
import { type Db, openDb, sqlString } from "./connection.ts";
import { loadModels, type Model } from "./models.ts";

export interface BuildOptions {
  /** The published warehouse file. */
  target: string;
  /** The folder holding models.txt and the models. */
  sqlDir: string;
  /** Databases attached read-only under an alias before the models run (e.g. the landing store). */
  attach?: Record<string, string>;
  /** SQL run before the models in the same session (e.g. the contract macros). */
  prelude?: string;
  memoryLimit?: string;
  /** Run after the models, before publishing, in the same session (invariants, dictionary). */
  finish?: (db: Db, models: Model[]) => Promise<void>;
  onModel?: (model: Model, index: number, total: number) => void;
  /** Abandon the build: interrupt the running model, remove the new file, keep the old one. */
  signal?: AbortSignal;
}

export interface BuildResult {
  target: string;
  models: { name: string; ms: number }[];
}

export class ModelError extends Error {
  constructor(
    readonly model: string,
    cause: unknown,
  ) {
    super(`model ${model} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export class BuildAbandoned extends Error {
  constructor(target: string) {
    super(`build abandoned on request; ${target} is unchanged`);
  }
}

export async function buildWarehouse(options: BuildOptions): Promise<BuildResult> {
  const models = loadModels(options.sqlDir);
  const target = path.resolve(options.target);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const building = `${target}.building-${process.pid}`;
  removeDbFiles(building);

  const timings: BuildResult["models"] = [];
  const db = await openDb(building, {
    memoryLimit: options.memoryLimit,
    tempDirectory: `${building}.tmp`,
  });
  const interrupt = () => db.connection.interrupt();
  options.signal?.addEventListener("abort", interrupt);
  try {
    options.signal?.throwIfAborted();
    for (const [alias, file] of Object.entries(options.attach ?? {})) {
      await db.run(`attach ${sqlString(path.resolve(file))} as ${alias} (read_only)`);
    }
    if (options.prelude) await db.run(options.prelude);
    for (const [index, model] of models.entries()) {
      options.signal?.throwIfAborted();
      options.onModel?.(model, index, models.length);
      const started = performance.now();
      try {
        await db.run(model.sql);
      } catch (error) {
        options.signal?.throwIfAborted();
        throw new ModelError(model.name, error);
      }
      timings.push({ name: model.name, ms: performance.now() - started });
    }
    await options.finish?.(db, models);
    for (const alias of Object.keys(options.attach ?? {})) await db.run(`detach ${alias}`);
    await db.run("checkpoint");
    options.signal?.throwIfAborted();
  } catch (error) {
    options.signal?.removeEventListener("abort", interrupt);
    db.close();
    removeDbFiles(building);
    throw options.signal?.aborted ? new BuildAbandoned(target) : error;
  }
  options.signal?.removeEventListener("abort", interrupt);
  db.close();
  fs.rmSync(`${building}.tmp`, { recursive: true, force: true });
  // The new file is checkpointed and closed, so it has no WAL; a stale WAL of the old file
  // must not be replayed onto it. rename(2) then replaces the target in one step.
  fs.rmSync(`${target}.wal`, { force: true });
  fs.renameSync(building, target);
  return { target, models: timings };
}

function removeDbFiles(file: string): void {
  for (const f of [file, `${file}.wal`, `${file}.tmp`]) fs.rmSync(f, { recursive: true, force: true });
}
