// Where things live. Every path the program uses by default is decided here.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DATA_DIR = path.join(REPO_ROOT, "data");
export const SQL_DIR = path.join(REPO_ROOT, "sql");
export const REFERENCE_DIR = path.join(DATA_DIR, "reference");

export const DEFAULT_INCOMING_DIR = path.join(DATA_DIR, "incoming");

/** The published warehouse: `--warehouse`, else PATHWAYS_WAREHOUSE, else data/warehouse.duckdb. */
export function warehousePath(option?: string): string {
  return path.resolve(option ?? process.env.PATHWAYS_WAREHOUSE ?? path.join(DATA_DIR, "warehouse.duckdb"));
}

/** The scales named in ARCHITECTURE.md. */
export const SCALES = { test: 2_000, state: 350_000, x10: 3_500_000 } as const;
export type ScaleName = keyof typeof SCALES;
