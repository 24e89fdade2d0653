// A fresh landing store per test, and small helpers to write input files and read tables back.
import fs from "node:fs";
import path from "node:path";
import { ingest } from "../../pipeline/ingest/ingest.ts";
import { openDb } from "../../pipeline/warehouse/connection.ts";

export const ID_KEY = "test-key-not-secret-0123456789abcdef";

export function scratch(name: string): string {
  const dir = path.resolve("tests/.out", name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function write(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

export async function land(landing: string, paths: string[], kind?: string) {
  process.env.PATHWAYS_ID_KEY = ID_KEY;
  return ingest({ paths, kind, write: true, landing });
}

export async function query<T = Record<string, unknown>>(landing: string, sql: string): Promise<T[]> {
  const db = await openDb(landing, { readOnly: true });
  try {
    return await db.all<T>(sql);
  } finally {
    db.close();
  }
}
