// Publish a database file atomically: fill a new file next to the target, and rename it over the
// target only when every step succeeded. Readers never see a half-written file, and a failure
// (or an abandoned build) leaves the last good one exactly as it was.
import fs from "node:fs";
import path from "node:path";
import { type Db, openDb } from "./connection.ts";

export class BuildAbandoned extends Error {
  constructor(target: string) {
    super(`build abandoned on request; ${target} is unchanged`);
  }
}

export async function writeAtomically(
  target: string,
  options: { memoryLimit?: string; signal?: AbortSignal },
  fill: (db: Db) => Promise<void>,
): Promise<void> {
  const file = path.resolve(target);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const building = `${file}.building-${process.pid}`;
  removeDbFiles(building);

  const db = await openDb(building, { memoryLimit: options.memoryLimit, tempDirectory: `${building}.tmp` });
  const interrupt = () => db.connection.interrupt();
  options.signal?.addEventListener("abort", interrupt);
  try {
    options.signal?.throwIfAborted();
    await fill(db);
    await db.run("checkpoint");
    options.signal?.throwIfAborted();
  } catch (error) {
    db.close();
    removeDbFiles(building);
    throw options.signal?.aborted ? new BuildAbandoned(file) : error;
  } finally {
    options.signal?.removeEventListener("abort", interrupt);
  }
  db.close();
  fs.rmSync(`${building}.tmp`, { recursive: true, force: true });
  // The new file is checkpointed and closed, so it has no WAL; a stale WAL of the old file
  // must not be replayed onto it. rename(2) then replaces the target in one step.
  fs.rmSync(`${file}.wal`, { force: true });
  fs.renameSync(building, file);
}

function removeDbFiles(file: string): void {
  for (const f of [file, `${file}.wal`, `${file}.tmp`]) fs.rmSync(f, { recursive: true, force: true });
}
