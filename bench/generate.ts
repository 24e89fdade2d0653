// Benchmark of `pathways generate` (a script, not a timed test).
//   npx tsx bench/generate.ts            the `state` scale (350,000 students)
//   npx tsx bench/generate.ts --x10      also the `x10` scale (3,500,000 students)
// Each scale runs in a child process so its peak memory (VmHWM) is its own. Beside it, in the
// same run, DuckDB re-copies the generated CSV files (read_csv -> COPY to CSV): the ratio says
// what generating costs over merely writing that many bytes.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SCALES } from "../pipeline/config.ts";
import { openDb } from "../pipeline/warehouse/connection.ts";
import { writeResults } from "./results.ts";

const CHILD = `
  import { generateState } from ${JSON.stringify(path.resolve("pipeline/synth/generate.ts"))};
  import fs from "node:fs";
  const [students, out] = [Number(process.argv[2]), process.argv[3]];
  const started = performance.now();
  const result = await generateState({ students, seed: 1, firstClass: 2016, lastClass: 2025, out, memoryLimit: "2GB" });
  const seconds = (performance.now() - started) / 1000;
  const hwm = Number(/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))[1]) * 1024;
  console.log(JSON.stringify({ seconds, peakBytes: hwm, files: result.files }));
`;

async function copyBaseline(dir: string, files: { path: string }[]): Promise<number> {
  const db = await openDb(":memory:");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-copy-"));
  const started = performance.now();
  for (const f of files.filter((f) => f.path.endsWith(".csv"))) {
    await db.run(
      `copy (select * from read_csv('${path.join(dir, f.path)}', all_varchar = true)) to '${path.join(scratch, path.basename(f.path))}' (header)`,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  fs.rmSync(scratch, { recursive: true, force: true });
  return seconds;
}

const scales = process.argv.includes("--x10") ? (["state", "x10"] as const) : (["state"] as const);
const results = [];
for (const scale of scales) {
  const students = SCALES[scale];
  const out = path.resolve("bench/out", scale);
  fs.rmSync(out, { recursive: true, force: true });
  const script = path.join(os.tmpdir(), `bench-generate-${process.pid}.mts`);
  fs.writeFileSync(script, CHILD);
  const child = spawnSync(process.execPath, ["--import", "tsx", script, String(students), out], {
    encoding: "utf8",
  });
  fs.rmSync(script, { force: true });
  if (child.status !== 0) throw new Error(`generate at ${scale} failed:\n${child.stderr}`);
  const run = JSON.parse(child.stdout.trim().split("\n").at(-1) as string);
  const rows = run.files.reduce((a: number, f: { rows: number | null }) => a + (f.rows ?? 0), 0);
  const bytes = run.files.reduce((a: number, f: { bytes: number }) => a + f.bytes, 0);
  const copySeconds = await copyBaseline(out, run.files);
  const byKind = (kind: string) =>
    run.files
      .filter((f: { kind: string }) => f.kind === kind)
      .reduce((a: number, f: { rows: number }) => a + (f.rows ?? 0), 0);
  results.push({
    scale,
    students,
    seconds: +run.seconds.toFixed(1),
    peak_memory_mb: Math.round(run.peakBytes / 2 ** 20),
    rows_written: rows,
    rows_per_second: Math.round(rows / run.seconds),
    megabytes_written: Math.round(bytes / 1e6),
    student_year_rows: byKind("students"),
    plan_event_rows: byKind("plans"),
    nsc_rows: byKind("nsc"),
    duckdb_copy_of_output_seconds: +copySeconds.toFixed(1),
    ratio_to_copy: +(run.seconds / copySeconds).toFixed(2),
  });
  console.log(results.at(-1));
  fs.rmSync(out, { recursive: true, force: true });
}

console.log(
  writeResults(
    "generate",
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}.`,
    results,
  ),
);
