// The warehouse runner: an order derived from what each model reads, one table per file named
// after it, refusals of a missing dependency and a cycle, atomic publish, a failed build changes nothing.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { buildModels, repositoryModels } from "../pipeline/warehouse/build.ts";
import { openDb } from "../pipeline/warehouse/connection.ts";
import { checkInvariants } from "../pipeline/warehouse/invariants.ts";
import { staleMacros } from "../pipeline/warehouse/macros.ts";
import { loadModels } from "../pipeline/warehouse/models.ts";

const DIR = path.resolve("tests/.out/warehouse");
const SQL = path.join(DIR, "sql");
const TARGET = path.join(DIR, "warehouse.duckdb");

function models(files: Record<string, string>) {
  fs.rmSync(SQL, { recursive: true, force: true });
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(SQL, name)), { recursive: true });
    fs.writeFileSync(path.join(SQL, name), sql);
  }
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

describe("buildModels", () => {
  it("runs each model after the models it reads, whatever the folders and names say", async () => {
    models({
      // marts before core alphabetically and by layer would be wrong both ways: the reads decide
      "core/a_last.sql": "create table core.a_last as select y * 10 as z from marts.b_middle;",
      "marts/b_middle.sql":
        "-- reads core.ignored in a comment\ncreate table marts.b_middle as select x + 1 as y from staging.c_first;",
      "staging/c_first.sql": "create table staging.c_first as select 1 as x, 'core.not_a_table' as s;",
    });
    const result = await buildModels({ target: TARGET, sqlDir: SQL });
    expect(result.models.map((m) => m.name)).toEqual([
      "staging/c_first.sql",
      "marts/b_middle.sql",
      "core/a_last.sql",
    ]);
    expect(await read("select z from core.a_last")).toEqual([{ z: 20 }]);
  });

  it("derives reads through the macros a model calls", () => {
    models({
      "macros/m.sql": "create or replace temp macro loaded(id) as id in (select id from landing.meta.files);",
      "staging/s.sql": "create table staging.s as select * from landing.raw.x where loaded(file_id);",
    });
    const [model] = loadModels(SQL, ["landing.raw.x", "landing.meta.files"]);
    expect(model?.reads).toEqual(["landing.meta.files", "landing.raw.x"]);
  });

  it("refuses a model that reads a table no model creates and no source provides, naming both", () => {
    models({
      "core/a.sql": "create table core.a as select 1 as x;",
      "marts/b.sql": "create table marts.b as select * from core.a join core.gone using (x);",
    });
    expect(() => loadModels(SQL)).toThrow(
      "marts/b.sql reads core.gone, which no model in sql/ creates and no source provides",
    );
    models({ "staging/s.sql": "create table staging.s as select * from landing.raw.students;" });
    expect(() => loadModels(SQL, ["landing.raw.plans"])).toThrow(/reads landing.raw.students/);
    expect(loadModels(SQL, ["landing.raw.students"])).toHaveLength(1);
  });

  it("refuses a cycle and prints it", () => {
    models({
      "core/a.sql": "create table core.a as select * from core.b;",
      "core/b.sql": "create table core.b as select * from marts.c;",
      "marts/c.sql": "create table marts.c as select * from core.a;",
    });
    expect(() => loadModels(SQL)).toThrow(
      "the models read each other in a cycle: core.a -> core.b -> marts.c -> core.a",
    );
  });

  it("refuses a file that creates two tables, a temp table, or a table not named after it", () => {
    models({ "core/a.sql": "create table core.a as select 1 as x; create table core.b as select 2 as y;" });
    expect(() => loadModels(SQL)).toThrow(
      /core\/a.sql: a model creates exactly one table or view \(core.a\); this one creates table core.a, table core.b/,
    );
    models({ "core/a.sql": "create temp table a as select 1 as x;" });
    expect(() => loadModels(SQL)).toThrow(/this one creates temp table a/);
    models({ "core/a.sql": "create or replace view core.other as select 1 as x;" });
    expect(() => loadModels(SQL)).toThrow(
      "core/a.sql: creates core.other, but a model is named after its file: core.a",
    );
  });

  it("leaves the last good warehouse in place when a model fails, with no leftovers", async () => {
    models({ "core/a.sql": "create table core.a as select 42 as answer;" });
    await buildModels({ target: TARGET, sqlDir: SQL });
    const before = fs.readFileSync(TARGET);

    models({
      "core/a.sql": "create table core.a as select 0 as answer;",
      "core/b.sql": "create table core.b as select * from core.a where no_such_column;",
    });
    await expect(buildModels({ target: TARGET, sqlDir: SQL })).rejects.toThrow(/model core\/b.sql failed/);
    expect(fs.readFileSync(TARGET).equals(before)).toBe(true);
    expect(await read("select answer from core.a")).toEqual([{ answer: 42 }]);
    expect(fs.readdirSync(DIR).sort()).toEqual(["sql", "warehouse.duckdb"]);
  });

  it("does not publish a build that breaks an invariant in sql/tests, and names the rows", async () => {
    models({ "core/a.sql": "create table core.a as select 42 as answer;" });
    await buildModels({ target: TARGET, sqlDir: SQL });
    const before = fs.readFileSync(TARGET);

    models({
      "core/a.sql": "create table core.a as select unnest([1, 1, 2]) as answer;",
      "tests/unique.sql":
        "-- answers are unique\nselect answer, count(*) as n from core.a group by all having n > 1",
    });
    const build = buildModels({
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
    models({ "core/total.sql": "create table core.total as select sum(v)::int as s from landing.raw.x;" });
    await buildModels({ target: TARGET, sqlDir: SQL, attach: { landing }, sources: ["landing.raw.x"] });
    expect(await read("select s from core.total")).toEqual([{ s: 10 }]);
  });
});

describe("the repository's sql/ folder", () => {
  it("has one model per file, each reading only models and the landing store, and no cycle", () => {
    const all = repositoryModels();
    expect(all.length).toBeGreaterThan(30);
    for (const m of all) expect(m.table).toBe(m.name.replace(/\.sql$/, "").replace("/", "."));
    // the order the build derived: every model after what it reads
    const position = new Map(all.map((m, i) => [m.table, i]));
    for (const m of all)
      for (const t of m.reads)
        if (position.has(t)) expect(position.get(t)).toBeLessThan(position.get(m.table) ?? -1);
    // a staging model's reads include the landing file ledger through is_loaded_file()
    expect(all.find((m) => m.table === "staging.stg_nsc")?.reads).toEqual([
      "landing.meta.files",
      "landing.raw.nsc",
    ]);
    // nothing under sql/ reads a file from disk: data arrive through the landing store only
    for (const m of all)
      expect(m.sql, m.name).not.toMatch(/read_(csv|parquet|json)|'[^']*\.(csv|parquet|json)'/i);
  });

  it("has generated macros that match the code generating them (run pathways macros if not)", () => {
    expect(staleMacros(path.resolve("sql"))).toEqual([]);
  });
});
