// One benchmark step in its own process, so its peak memory is its own (bench/run.ts runs it
// under /usr/bin/time). Prints one JSON line: seconds, and rows where it counts them.
//   generate <students> <out>                 the synthetic state
//   bare <store> <files...>                   DuckDB's bare CREATE TABLE AS read_csv of each file
//   ingest <landing> <files...>               pathways ingest into the landing store
//   build <landing> <warehouse> <memory>      pathways build
//   copy <landing> <target> <memory>          DuckDB's bare copy of every landed raw table
//   dashboard <warehouse> <dist>              pathways dashboard build
import fs from "node:fs";
import { buildDashboard } from "../pipeline/dashboard/build.ts";
import { ingest } from "../pipeline/ingest/ingest.ts";
import { generateState } from "../pipeline/synth/generate.ts";
import { buildWarehouse } from "../pipeline/warehouse/build.ts";
import { openDb, sqlString } from "../pipeline/warehouse/connection.ts";

const [step, ...args] = process.argv.slice(2);
const started = performance.now();
let rows = 0;
let detail: Record<string, number> = {};

if (step === "generate") {
  const [students, out] = args as [string, string];
  const result = await generateState({
    students: Number(students),
    seed: 1,
    firstClass: 2016,
    lastClass: 2025,
    out,
    memoryLimit: "2GB",
  });
  rows = result.files.reduce((a, f) => a + (f.rows ?? 0), 0);
} else if (step === "bare") {
  const [store, ...files] = args as [string, ...string[]];
  fs.rmSync(store, { force: true });
  const db = await openDb(store, { memoryLimit: "1GB" });
  for (const [i, f] of files.entries()) {
    await db.run(`create table t${i} as select * from read_csv(${sqlString(f)})`);
    const [n] = await db.all<{ n: number }>(`select count(*)::int as n from t${i}`);
    rows += n?.n ?? 0;
  }
  await db.run("checkpoint");
  db.close();
  for (const f of [store, `${store}.wal`]) fs.rmSync(f, { force: true });
} else if (step === "ingest") {
  const [landing, ...files] = args as [string, ...string[]];
  const result = await ingest({ paths: files, write: true, landing });
  const failed = result.files.filter((f) => f.status === "failed");
  if (failed.length > 0)
    throw new Error(`ingest failed: ${failed.map((f) => `${f.file}: ${f.error}`).join("; ")}`);
  rows = result.files.reduce((a, f) => a + f.rowsRead, 0);
} else if (step === "build") {
  const [landing, target, memoryLimit] = args as [string, string, string];
  const result = await buildWarehouse({ target, landing, memoryLimit });
  for (const m of result.models) {
    const layer = m.name.split("/")[0] as string;
    detail[layer] = (detail[layer] ?? 0) + m.ms / 1000;
  }
  // the disclosure step runs after the models: protection (all passes) and the last attack
  detail.disclosure = result.disclosure.seconds.protect + result.disclosure.seconds.audit;
  detail = Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, +v.toFixed(1)]));
} else if (step === "copy") {
  const [landing, target, memoryLimit] = args as [string, string, string];
  for (const f of [target, `${target}.wal`]) fs.rmSync(f, { force: true });
  const db = await openDb(target, { memoryLimit });
  await db.run(`attach ${sqlString(landing)} as landing (read_only)`);
  const tables = await db.all<{ t: string }>(
    "select table_name as t from duckdb_tables() where database_name = 'landing' and schema_name = 'raw'",
  );
  for (const { t } of tables) await db.run(`create table ${t} as select * from landing.raw.${t}`);
  await db.run("checkpoint");
  db.close();
  for (const f of [target, `${target}.wal`]) fs.rmSync(f, { force: true });
} else if (step === "dashboard") {
  const [warehouse, dist] = args as [string, string];
  const site = await buildDashboard({ warehouse, dist });
  detail = { pages: site.pages };
} else {
  throw new Error(`unknown step ${step}`);
}

console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, rows, detail }));
