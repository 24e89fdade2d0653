// The `pathways` binary as a user runs it: exit codes, messages, and generate end to end.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../pipeline/warehouse/connection.ts";

const BIN = path.resolve("bin/pathways.js");
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
/** The same command from the compiled build/ or from the TypeScript sources through tsx. */
const runFrom = (compiled: boolean, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, PATHWAYS_FROM_SOURCE: compiled ? "0" : "1" },
  });

describe("pathways CLI", () => {
  it("prints help and exits 0", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/generate/);
    expect(r.stdout).toMatch(/demo/);
  });

  it("exits 2 on bad usage, naming the problem", () => {
    expect(run("no-such-command").status).toBe(2);
    const r = run("generate", "--students", "12", "--out", "tests/.out/never");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/students/);
    const c = run("generate", "--classes", "twenty", "--out", "tests/.out/never");
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/--classes must look like 2016-2025/);
    expect(fs.existsSync("tests/.out/never")).toBe(false);
  });

  it("generates a state and reports every file it wrote", () => {
    const out = path.resolve("tests/.out/cli");
    fs.rmSync(out, { recursive: true, force: true });
    const r = run("generate", "--students", "test", "--seed", "3", "--classes", "2020-2022", "--out", out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2,000 students, classes 2020-2022, seed 3/);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    for (const f of manifest.files) expect(r.stdout).toContain(f.path);
    expect(fs.readdirSync(path.join(out, "nsc")).sort()).toEqual([
      "nsc_detail_class_2020.csv",
      "nsc_detail_class_2021.csv",
      "nsc_detail_class_2022.csv",
    ]);
  });

  it("runs read-only queries, lists the examples, and refuses bad usage", () => {
    const missing = run("query", "select 1", "--warehouse", "tests/.out/cli/none.duckdb");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no warehouse at .*none.duckdb: run pathways build first/);
    expect(run("query", "select 1", "--format", "xml").status).toBe(2);
    expect(run("query").stderr).toMatch(/exactly one of: SQL, --file, --example/);
    const list = run("query", "--list-examples");
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/enrollment_by_revision_band/);
    expect(list.stdout).toMatch(/attainment_tracker/);
  });

  it("runs the same from the compiled build as from the sources, query sandbox included", async () => {
    // what npm install's prepare script does; bin/pathways.js then prefers build/ (newer than every source)
    const built = spawnSync("npm", ["run", "--silent", "build:cli"], { encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    for (const args of [["--help"], ["query", "--list-examples"], ["no-such-command"]]) {
      const [compiled, source] = [runFrom(true, ...args), runFrom(false, ...args)];
      expect([args, compiled.status, compiled.stdout]).toEqual([args, source.status, source.stdout]);
    }
    // a query in the compiled sandbox (build/query-process.js), against a database made here
    const dir = path.resolve("tests/.out/cli-compiled");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const db = path.join(dir, "w.duckdb");
    const made = await openDb(db);
    await made.run("create table t as select 41 + 1 as answer");
    made.close();
    const q = runFrom(true, "query", "select answer from t", "--format", "csv", "--warehouse", db);
    expect(q.status, q.stderr).toBe(0);
    expect(q.stdout.trim().split("\n")).toEqual(["answer", "42"]);
  });
});
