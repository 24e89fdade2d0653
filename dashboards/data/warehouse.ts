// Shared by the data loaders: read the public release (read-only) and return only aggregates.
// During `pathways dashboard build` PATHWAYS_WAREHOUSE is the release database the build writes
// after attacking it (pipeline/publish/release.ts): public marts with every hidden number nulled,
// districts, schools and build metadata, nothing else. The marts are still read through the
// SELECTs of `pathways export --public`, so a preview against a full warehouse is as safe.
import { openDb } from "../../pipeline/warehouse/connection.ts";
import { PUBLIC_TABLES } from "../../pipeline/warehouse/export.ts";

const WAREHOUSE = process.env.PATHWAYS_WAREHOUSE ?? "data/warehouse.duckdb";

export async function read<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const db = await openDb(WAREHOUSE, { readOnly: true });
  try {
    return (await db.all<Record<string, unknown>>(sql)).map((row) => {
      for (const [k, v] of Object.entries(row)) if (typeof v === "bigint") row[k] = Number(v);
      return row as T;
    });
  } finally {
    db.close();
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
  process.stdout.write(JSON.stringify(data));
}
