// `npm run bench:cli -- [--warehouse <path>]`: how long a `pathways` command takes to start and
// answer, wall time from the shell, median of 5 runs each: `--help`, `query "select 1"` and every
// named example (`query --example <name>`), from the compiled JavaScript (build/, what an install
// runs) and from the TypeScript sources through tsx (PATHWAYS_FROM_SOURCE=1), side by side in one
// run. The query commands need a built warehouse (default: data/warehouse.duckdb).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { warehousePath } from "../pipeline/config.ts";
import { openDb } from "../pipeline/warehouse/connection.ts";
import { listExamples } from "../pipeline/warehouse/query.ts";

const RUNS = 5;
const i = process.argv.indexOf("--warehouse");
const warehouse = path.resolve(i > 0 ? (process.argv[i + 1] as string) : warehousePath());
if (!fs.existsSync(warehouse))
  throw new Error(`no warehouse at ${warehouse}: build one, or give --warehouse`);
if (!fs.existsSync("build/main.js"))
  throw new Error("no build/main.js: run npm run build:cli (npm install does)");

/** Median wall seconds of RUNS runs of the CLI with these arguments. */
function wall(args: string[], fromSource: boolean): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, ["bin/pathways.js", ...args], {
      encoding: "utf8",
      env: { ...process.env, PATHWAYS_FROM_SOURCE: fromSource ? "1" : "0" },
    });
    if (child.status !== 0) throw new Error(`pathways ${args.join(" ")} failed:\n${child.stderr}`);
    times.push((performance.now() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
}

// values for the examples' parameters that have no default: a district and a class the warehouse has
const db = await openDb(warehouse, { readOnly: true });
const [sample] = await db.all<{ district: string; cohort: number }>(
  `select min(entity_id) as district, max(cohort)::int as cohort from marts.indicators
   where indicator = 'ps_enrolled_fall' and level = 'district'`,
);
db.close();
const values: Record<string, string> = { district: String(sample?.district), cohort: String(sample?.cohort) };
const params = (e: ReturnType<typeof listExamples>[number]) =>
  e.params.filter((p) => !p.default).flatMap((p) => ["--param", `${p.name}=${values[p.name] ?? ""}`]);

const commands: [string, string[]][] = [
  ["--help", ["--help"]],
  ['query "select 1"', ["query", "select 1", "--warehouse", warehouse]],
  ...listExamples().map((e): [string, string[]] => [
    `query --example ${e.name}`,
    ["query", "--example", e.name, ...params(e), "--warehouse", warehouse],
  ]),
];
const rows = commands.map(([name, args]) => {
  const compiled = wall(args, false);
  const source = wall(args, true);
  const row = {
    command: name,
    compiled_s: +compiled.toFixed(3),
    tsx_s: +source.toFixed(3),
    ratio: +(compiled / source).toFixed(2),
  };
  console.error(JSON.stringify(row));
  return row;
});
const examples = rows
  .filter((r) => r.command.startsWith("query --example"))
  .map((r) => r.compiled_s)
  .sort((a, b) => a - b);
console.log(`\n| command | compiled (s) | tsx (s) | compiled / tsx |\n| --- | ---: | ---: | ---: |`);
for (const r of rows)
  console.log(`| \`pathways ${r.command}\` | ${r.compiled_s} | ${r.tsx_s} | ${r.ratio} |`);
console.log(
  `\nnamed examples, compiled: p50 ${examples[Math.floor(examples.length / 2)]} s wall (median of ${RUNS} runs each)`,
);
