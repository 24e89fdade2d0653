// Shared by the data loaders: read the published warehouse (read-only) and return only
// aggregates. Every suppressed cell leaves here with its numbers nulled, so nothing the
// dashboard publishes can carry a value that marts.indicators marks as suppressed.
import { DuckDBInstance } from "@duckdb/node-api";

const WAREHOUSE = process.env.PATHWAYS_WAREHOUSE ?? "data/warehouse.duckdb";

export async function read<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(WAREHOUSE, { access_mode: "READ_ONLY" });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => {
      for (const [k, v] of Object.entries(row)) if (typeof v === "bigint") row[k] = Number(v);
      return row as T;
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** marts.indicators as the dashboard may publish it: suppressed cells keep only their labels. */
export const PUBLISHABLE_INDICATORS = `(
  select indicator, level, entity_id, cohort, subgroup_type, subgroup, unit, note, suppressed,
    case when suppressed then null else numerator end as numerator,
    case when suppressed then null else denominator end as denominator,
    case when suppressed then null else value end as value,
    case when suppressed then null else ci_low end as ci_low,
    case when suppressed then null else ci_high end as ci_high
  from marts.indicators
)`;

export function emit(data: unknown): void {
  process.stdout.write(JSON.stringify(data));
}
