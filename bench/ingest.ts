// Benchmark of landing (a script, not a timed test): `npx tsx bench/ingest.ts [--students N]`.
// Generates the `state` scale once (kept in bench/out/state-ingest), then for each kind, in one
// run and side by side: DuckDB's bare `CREATE TABLE AS SELECT * FROM read_csv(...)` of the same
// files, and `ingest` of them into a fresh landing store (each in its own child process, so the
// peak memory (VmHWM) is that step's own). Target: ratio at most 1.5, peak under 2 GB.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SCALES } from "../pipeline/config.ts";
import { generateState } from "../pipeline/synth/generate.ts";
import { writeResults } from "./results.ts";

const arg = process.argv.indexOf("--students");
const students = arg > 0 ? Number(process.argv[arg + 1]) : SCALES.state;
const out = path.resolve("bench/out/ingest-state");
if (
  !fs.existsSync(path.join(out, "manifest.json")) ||
  JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")).generator.students !== students
) {
  fs.rmSync(out, { recursive: true, force: true });
  console.error(`generating ${students} students into ${out}...`);
  await generateState({ students, seed: 1, firstClass: 2016, lastClass: 2025, out, memoryLimit: "2GB" });
}
const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));

const CHILD = `
  import fs from "node:fs";
  import { openDb } from ${JSON.stringify(path.resolve("pipeline/warehouse/connection.ts"))};
  import { ingest } from ${JSON.stringify(path.resolve("pipeline/ingest/ingest.ts"))};
  const [mode, store, ...files] = process.argv.slice(2);
  fs.rmSync(store, { force: true });
  const started = performance.now();
  let rows = 0;
  if (mode === "bare") {
    const db = await openDb(store, { memoryLimit: "2GB" });
    for (const [i, f] of files.entries()) {
      await db.run("create table t" + i + " as select * from read_csv('" + f + "')");
      rows += Number((await db.all("select count(*) as n from t" + i))[0].n);
    }
    await db.run("checkpoint");
    db.close();
  } else {
    process.env.PATHWAYS_ID_KEY = "benchmark";
    const result = await ingest({ paths: files, write: true, landing: store });
    rows = result.files.reduce((a, f) => a + f.rowsLoaded, 0);
  }
  const seconds = (performance.now() - started) / 1000;
  const hwm = Number(/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))[1]) * 1024;
  console.log(JSON.stringify({ seconds, rows, peakBytes: hwm }));
`;
const script = path.join(os.tmpdir(), `bench-ingest-${process.pid}.mts`);
fs.writeFileSync(script, CHILD);
const store = path.join(os.tmpdir(), `bench-ingest-${process.pid}.duckdb`);

function step(mode: "bare" | "ingest", files: string[]) {
  const child = spawnSync(process.execPath, ["--import", "tsx", script, mode, store, ...files], {
    encoding: "utf8",
  });
  for (const f of [store, `${store}.wal`]) fs.rmSync(f, { force: true });
  if (child.status !== 0) throw new Error(`${mode} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1) as string) as {
    seconds: number;
    rows: number;
    peakBytes: number;
  };
}

const results = [];
for (const kind of ["students", "plans", "nsc", "schools"]) {
  const files = manifest.files
    .filter((f: { kind: string; path: string }) => f.kind === kind && f.path.endsWith(".csv"))
    .map((f: { path: string }) => path.join(out, f.path));
  const bare = step("bare", files);
  const landed = step("ingest", files);
  results.push({
    kind,
    files: files.length,
    rows: landed.rows,
    bare_read_csv_seconds: +bare.seconds.toFixed(2),
    ingest_seconds: +landed.seconds.toFixed(2),
    ratio: +(landed.seconds / bare.seconds).toFixed(2),
    ingest_rows_per_second: Math.round(landed.rows / landed.seconds),
    ingest_peak_memory_mb: Math.round(landed.peakBytes / 2 ** 20),
    bare_peak_memory_mb: Math.round(bare.peakBytes / 2 ** 20),
  });
  console.log(results.at(-1));
}
fs.rmSync(script, { force: true });

console.log(
  writeResults(
    "ingest",
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, ${students.toLocaleString("en-US")} students.`,
    results,
  ),
);
