// Invariants that every build must satisfy before it is published, kept beside the models the
// way dbt keeps tests: each file in sql/tests/ is a query that returns the rows breaking a rule.
import path from "node:path";
import type { Db } from "./connection.ts";
import { readSqlFolder } from "./models.ts";

export const TESTS_DIR = "tests";

export interface InvariantFailure {
  test: string;
  /** What the test's header comment says it checks. */
  rule: string;
  count: number;
  examples: Record<string, unknown>[];
}

export class InvariantError extends Error {
  constructor(readonly failures: InvariantFailure[]) {
    super(
      `the build breaks ${failures.length} invariant(s); the previous warehouse stays published:\n${failures
        .map(
          (f) =>
            `  ${f.test}: ${f.count} row(s) break "${f.rule}", e.g. ${f.examples.map((e) => JSON.stringify(e, (_k, v) => (typeof v === "bigint" ? Number(v) : v))).join("; ")}`,
        )
        .join("\n")}`,
    );
  }
}

export function listInvariants(sqlDir: string): { name: string; rule: string; sql: string }[] {
  return readSqlFolder(path.join(sqlDir, TESTS_DIR)).map((f) => ({
    name: `${TESTS_DIR}/${f.name}.sql`,
    rule: f.header[0] ?? f.name,
    sql: f.sql,
  }));
}

/** Run every invariant; throw InvariantError listing all that fail. Returns the number run. */
export async function checkInvariants(db: Db, sqlDir: string): Promise<number> {
  const tests = listInvariants(sqlDir);
  const failures: InvariantFailure[] = [];
  for (const t of tests) {
    const body = t.sql.replace(/;\s*$/, "");
    const [counted] = await db.all<{ n: number }>(`select count(*)::int as n from (${body})`);
    const n = counted?.n ?? 0;
    if (n > 0) {
      const examples = await db.all(`select * from (${body}) limit 3`);
      failures.push({ test: t.name, rule: t.rule, count: n, examples });
    }
  }
  if (failures.length > 0) throw new InvariantError(failures);
  return tests.length;
}
