// The warehouse runner: declared order, atomic publish, a failed build changes nothing.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { buildWarehouse } from "../pipeline/warehouse/build.ts";
import { openDb } from "../pipeline/warehouse/connection.ts";
import { checkInvariants } from "../pipeline/warehouse/invariants.ts";

const DIR = path.resolve("tests/.out/warehouse");
const SQL = path.join(DIR, "sql");
const TARGET = path.join(DIR, "warehouse.duckdb");

function models(files: Record<string, string>, manifest: string[]) {
  fs.rmSync(SQL, { recursive: true, force: true });
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(SQL, name)), { recursive: true });
    fs.writeFileSync(path.join(SQL, name), sql);
  }
  fs.writeFileSync(path.join(SQL, "models.txt"), `# order\n${manifest.join("\n")}\n`);
}

async function read(sql: string) {
  const db = await openDb(TARGET, { readOnly: true });
  try {
    return await db.all(sql);
  } finally {
    db.close();
  }
}

beforeEach(() => {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
});

describe("buildWarehouse", () => {
  it("runs the models in the declared order, not the alphabetical one", async () => {
    models(
      {
        "b/first.sql": "create schema core; create table core.t as select 1 as x;",
        "a/second.sql": "create schema marts; create table marts.t as select x + 1 as y from core.t;",
      },
      ["b/first.sql", "a/second.sql"],
    );
    const result = await buildWarehouse({ target: TARGET, sqlDir: SQL });
    expect(result.models.map((m) => m.name)).toEqual(["b/first.sql", "a/second.sql"]);
    expect(await read("select y from marts.t")).toEqual([{ y: 2 }]);
  });

  it("refuses a model on disk that the manifest does not declare", async () => {
    models({ "core/a.sql": "select 1;", "core/forgotten.sql": "select 2;" }, ["core/a.sql"]);
    await expect(buildWarehouse({ target: TARGET, sqlDir: SQL })).rejects.toThrow(
      /not declared: core\/forgotten.sql/,
    );
  });

  it("leaves the last good warehouse in place when a model fails, with no leftovers", async () => {
    models({ "core/a.sql": "create table good as select 42 as answer;" }, ["core/a.sql"]);
    await buildWarehouse({ target: TARGET, sqlDir: SQL });
    const before = fs.readFileSync(TARGET);

    models(
      {
        "core/a.sql": "create table good as select 0 as answer;",
        "core/b.sql": "select * from no_such_table;",
      },
      ["core/a.sql", "core/b.sql"],
    );
    await expect(buildWarehouse({ target: TARGET, sqlDir: SQL })).rejects.toThrow(/model core\/b.sql failed/);
    expect(fs.readFileSync(TARGET).equals(before)).toBe(true);
    expect(await read("select answer from good")).toEqual([{ answer: 42 }]);
    expect(fs.readdirSync(DIR).sort()).toEqual(["sql", "warehouse.duckdb"]);
  });

  it("does not publish a build that breaks an invariant in sql/tests, and names the rows", async () => {
    models({ "core/a.sql": "create table good as select 42 as answer;" }, ["core/a.sql"]);
    await buildWarehouse({ target: TARGET, sqlDir: SQL });
    const before = fs.readFileSync(TARGET);

    models(
      {
        "core/a.sql": "create table good as select unnest([1, 1, 2]) as answer;",
        "tests/unique.sql":
          "-- answers are unique\nselect answer, count(*) as n from good group by all having n > 1",
      },
      ["core/a.sql"],
    );
    const build = buildWarehouse({
      target: TARGET,
      sqlDir: SQL,
      finish: async (db) => {
        await checkInvariants(db, SQL);
      },
    });
    await expect(build).rejects.toThrow(
      /tests\/unique.sql: 1 row\(s\) break "answers are unique", e.g. \{"answer":1,"n":2\}/,
    );
    expect(fs.readFileSync(TARGET).equals(before)).toBe(true);
    expect(fs.readdirSync(DIR).sort()).toEqual(["sql", "warehouse.duckdb"]);
  });

  it("attaches other databases read-only for the models", async () => {
    const landing = path.join(DIR, "landing.duckdb");
    const db = await openDb(landing);
    await db.run("create schema raw; create table raw.x as select range as v from range(5)");
    db.close();
    models({ "core/a.sql": "create table total as select sum(v)::int as s from landing.raw.x;" }, [
      "core/a.sql",
    ]);
    await buildWarehouse({ target: TARGET, sqlDir: SQL, attach: { landing } });
    expect(await read("select s from total")).toEqual([{ s: 10 }]);
  });
});

describe("the repository's sql/ folder", () => {
  it("has a manifest that declares every model on disk", async () => {
    const { loadModels } = await import("../pipeline/warehouse/models.ts");
    expect(() => loadModels(path.resolve("sql"))).not.toThrow();
  });
});
