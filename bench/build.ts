// Benchmark of the warehouse build (a script, not a timed test).
//   npx tsx bench/build.ts          the `state` scale (350,000 students), DuckDB memory limit 2 GB
//   npx tsx bench/build.ts --x10    also `x10` (3,500,000 students) under a 4 GB memory limit
// Each scale is generated and landed once (kept in bench/out/build-<scale>). Then, in one run and
// side by side, each in its own child process (so VmHWM is its own peak): a bare DuckDB copy of
// every landed raw table into a new file (the floor: reading the landing store once), and
// `pathways build` (staging + core + marts + meta, the dictionary and the invariants).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SCALES } from "../pipeline/config.ts";
import { ingest } from "../pipeline/ingest/ingest.ts";
import { generateState } from "../pipeline/synth/generate.ts";
import { writeResults } from "./results.ts";

const CHILD = `
  import fs from "node:fs";
  import { openDb } from ${JSON.stringify(path.resolve("pipeline/warehouse/connection.ts"))};
  import { rebuildWarehouse } from ${JSON.stringify(path.resolve("pipeline/warehouse/rebuild.ts"))};
  const [mode, landing, target, memoryLimit] = process.argv.slice(2);
  for (const f of [target, target + ".wal"]) fs.rmSync(f, { force: true });
  const started = performance.now();
  let layers = {};
  if (mode === "bare") {
    const db = await openDb(target, { memoryLimit });
    await db.run("attach '" + landing + "' as landing (read_only)");
    const tables = await db.all("select table_name as t from duckdb_tables() where database_name = 'landing' and schema_name = 'raw'");
    for (const { t } of tables) await db.run("create table " + t + " as select * from landing.raw." + t);
    await db.run("checkpoint");
    db.close();
  } else {
    const result = await rebuildWarehouse({ target, landing, memoryLimit });
    for (const m of result.models) {
      const layer = m.name.split("/")[0];
      layers[layer] = (layers[layer] ?? 0) + m.ms / 1000;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const hwm = Number(/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))[1]) * 1024;
  console.log(JSON.stringify({ seconds, peakBytes: hwm, layers }));
`;

async function prepare(scale: "state" | "x10"): Promise<{ dir: string; landing: string; students: number }> {
  const students = SCALES[scale];
  const dir = path.resolve("bench/out", `build-${scale}`);
  const landing = path.join(dir, "landing.duckdb");
  const done = path.join(dir, "landed.json");
  if (fs.existsSync(done) && JSON.parse(fs.readFileSync(done, "utf8")).students === students) {
    return { dir, landing, students };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const input = path.join(dir, "incoming");
  console.error(`generating ${students} students into ${input}...`);
  await generateState({
    students,
    seed: 1,
    firstClass: 2016,
    lastClass: 2025,
    out: input,
    memoryLimit: "2GB",
  });
  fs.rmSync(path.join(input, "normalized"), { recursive: true }); // the same figures as the XLSX files
  console.error("landing...");
  process.env.PATHWAYS_ID_KEY = "benchmark";
  await ingest({ paths: [input], write: true, landing });
  fs.writeFileSync(done, JSON.stringify({ students }));
  return { dir, landing, students };
}

function step(mode: "bare" | "build", landing: string, target: string, memoryLimit: string) {
  const script = path.join(os.tmpdir(), `bench-build-${process.pid}.mts`);
  fs.writeFileSync(script, CHILD);
  const child = spawnSync(process.execPath, ["--import", "tsx", script, mode, landing, target, memoryLimit], {
    encoding: "utf8",
  });
  fs.rmSync(script, { force: true });
  if (child.status !== 0) throw new Error(`${mode} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1) as string) as {
    seconds: number;
    peakBytes: number;
    layers: Record<string, number>;
  };
}

const scales = process.argv.includes("--x10") ? (["state", "x10"] as const) : (["state"] as const);
const results = [];
for (const scale of scales) {
  const memoryLimit = scale === "x10" ? "4GB" : "2GB";
  const { dir, landing, students } = await prepare(scale);
  const bare = step("bare", landing, path.join(dir, "bare.duckdb"), memoryLimit);
  const built = step("build", landing, path.join(dir, "pathways.duckdb"), memoryLimit);
  results.push({
    scale,
    students,
    duckdb_memory_limit: memoryLimit,
    bare_copy_of_landing_seconds: +bare.seconds.toFixed(1),
    build_seconds: +built.seconds.toFixed(1),
    ratio_to_copy: +(built.seconds / bare.seconds).toFixed(2),
    staging_seconds: +(built.layers.staging ?? 0).toFixed(1),
    core_seconds: +(built.layers.core ?? 0).toFixed(1),
    marts_seconds: +(built.layers.marts ?? 0).toFixed(1),
    dictionary_and_invariants_seconds: +(
      built.seconds - Object.values(built.layers).reduce((a, b) => a + b, 0)
    ).toFixed(1),
    build_peak_memory_mb: Math.round(built.peakBytes / 2 ** 20),
    warehouse_mb: Math.round(fs.statSync(path.join(dir, "pathways.duckdb")).size / 2 ** 20),
  });
  console.log(results.at(-1));
  fs.rmSync(path.join(dir, "bare.duckdb"), { force: true });
}

console.log(
  writeResults(
    "build",
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores; target: state under 60 s, x10 within a 4 GB DuckDB memory limit.`,
    results,
  ),
);
