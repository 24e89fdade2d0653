// Shared by the data loaders: read the public release (read-only) and return only aggregates.
// During `pathways dashboard build` PATHWAYS_WAREHOUSE is the release database the build writes
// after attacking it (pipeline/publish/release.ts): public marts with every hidden number nulled,
// districts, schools and build metadata, nothing else. The marts are still read through the
// SELECTs of `pathways export --public`, so a preview against a full warehouse is as safe.
import { type Db, openDb } from "../../pipeline/warehouse/connection.ts";
import { PUBLIC_TABLES } from "../../pipeline/warehouse/export.ts";

const WAREHOUSE = process.env.PATHWAYS_WAREHOUSE ?? "data/warehouse.duckdb";

/**
 * Where loaders' output goes: stdout when Framework runs a loader on its own; a loader's file in
 * Framework's cache when pathways/dashboard/run-loaders.ts runs them all in one process.
 */
let output: (bytes: string | Uint8Array) => void = (bytes) => process.stdout.write(bytes);
/** One connection for every read while the loaders run together; none held otherwise. */
let held: Promise<Db> | undefined;

export function redirectOutput(to: (bytes: string | Uint8Array) => void): void {
  output = to;
}

export function holdConnection(): { release: () => Promise<void> } {
  held = openDb(WAREHOUSE, { readOnly: true });
  return {
    release: async () => {
      const db = await held;
      held = undefined;
      db?.close();
    },
  };
}

export async function read<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const db = await (held ?? openDb(WAREHOUSE, { readOnly: true }));
  try {
    return (await db.all<Record<string, unknown>>(sql)).map((row) => {
      for (const [k, v] of Object.entries(row)) if (typeof v === "bigint") row[k] = Number(v);
      return row as T;
    });
  } finally {
    if (!held) db.close();
  }
}

/** A public mart as a subquery: marts.indicators, marts.enrollment_by_revision_band, marts.indicator_gaps. */
export const publishable = (table: keyof typeof PUBLIC_TABLES) => `(${PUBLIC_TABLES[table]})`;
export const PUBLISHABLE_INDICATORS = publishable("marts.indicators");

/** The indicators a district page draws over time (the district, the state and its comparison group). */
export const DISTRICT_TRENDS = [
  "ps_enrolled_fall",
  "ccr_met_rate",
  "isp_revisited_every_year",
  "grad_rate",
  "ccr_rate",
  "cohort_grad_4yr",
];

export function emit(data: unknown): void {
  output(JSON.stringify(data));
}

/** A loader's binary output (an archive). */
export function emitBytes(bytes: Uint8Array): void {
  output(bytes);
}
