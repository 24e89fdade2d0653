// Hostile and careless input (issue 13): each finding of the attack on the first generation, as a
// test that failed then. Small fixtures written here; secrets are planted and searched for.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../pipeline/warehouse/connection.ts";
import { runQuery } from "../pipeline/warehouse/query.ts";
import { scratch } from "./helpers/landing.ts";

const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("0, 9: the researcher sandbox", () => {
  it("cannot write any file, the warehouse's own and its WAL included", async () => {
    const dir = scratch("hostile-sandbox");
    const warehouse = path.join(dir, "warehouse.duckdb");
    const db = await openDb(warehouse);
    await db.run("create schema marts; create table marts.indicators as select range as n from range(100)");
    db.close();
    const before = sha(warehouse);
    const attacks = [
      `copy (select 'x') to '${warehouse}' (format csv, use_tmp_file false)`,
      `copy marts.indicators to '${warehouse}.wal.checkpoint' (format csv)`,
      `copy marts.indicators to '${warehouse}.wal' (format csv)`,
      `copy (select 1) to '${dir}/out.csv'`,
      `select 1; copy (select 1) to '${dir}/out.csv'`,
      `export database '${dir}/exported'`,
      `attach '${dir}/other.duckdb' as other`,
      "create table marts.x as select 1",
      "insert into marts.indicators values (1)",
      "checkpoint",
      "pragma database_list",
      "install httpfs",
      "set memory_limit = '20GB'",
      "pivot marts.indicators on n",
    ];
    for (const sql of attacks) await expect(runQuery(warehouse, sql), sql).rejects.toThrow(/SELECT/);
    expect(sha(warehouse)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(["warehouse.duckdb"]);
    const ok = await runQuery(
      warehouse,
      "select count(*) as n, current_setting('memory_limit') as m from marts.indicators",
    );
    expect(ok.rows).toEqual([{ n: "100", m: "1.8 GiB" }]);
  });

  it("holds the time limit for a single expression DuckDB cannot interrupt, and limits memory", async () => {
    const dir = scratch("hostile-sandbox-limits");
    const warehouse = path.join(dir, "warehouse.duckdb");
    (await openDb(warehouse)).close();
    const started = performance.now();
    await expect(
      runQuery(warehouse, "select sum(length(regexp_replace(repeat('ab', 200000000), 'a', 'xyz', 'g')))", {
        timeoutMs: 1000,
      }),
    ).rejects.toThrow(/time limit of 1 s/);
    // the first generation ran this 29 s past a 1 s limit
    expect(performance.now() - started).toBeLessThan(8000);
    await expect(
      runQuery(warehouse, "select list(range) from range(200000000)", {
        memoryLimit: "200MB",
        timeoutMs: 20_000,
      }),
    ).rejects.toThrow(/memory|time limit/i);
  });
});
