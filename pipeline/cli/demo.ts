// `pathways demo` (= npm start): the whole product on the synthetic state, as far as it exists.
import fs from "node:fs";
import type { Command } from "commander";
import { DEFAULT_INCOMING_DIR, warehousePath } from "../config.ts";
import { distPath } from "../dashboard/build.ts";
import { landingPath } from "../ingest/store.ts";
import { runPipeline } from "../ops/run.ts";
import { formatHeadlines, formatStatus, readHeadlines } from "../warehouse/summary.ts";
import { runGenerate } from "./generate.ts";
import { describeOutcome, exitCode, stopOnSignals } from "./ops.ts";

/** The generator writes the accountability figures twice (XLSX and normalized CSV); load the XLSX. */
const ALTERNATIVE_LAYOUTS = new Set(["normalized"]);

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "generate the synthetic state if data/incoming is empty, ingest it, build the warehouse and the dashboard",
    )
    .option("--students <n>", "students to generate when data/incoming is empty", "state")
    .option("--seed <s>", "random seed", "1")
    .action(async (flags: { students: string; seed: string }) => {
      const incoming = DEFAULT_INCOMING_DIR;
      const present = () =>
        fs.existsSync(incoming) ? fs.readdirSync(incoming).filter((f) => !f.startsWith(".")) : [];
      if (present().length === 0) {
        console.log(`data/incoming is empty: generating the default synthetic state into ${incoming}`);
        await runGenerate({
          students: flags.students,
          seed: flags.seed,
          classes: "2016-2025",
          out: incoming,
          memoryLimit: "2GB",
          grades: "7-12",
        });
      } else {
        console.log(`Using the ${present().length} entries already in ${incoming}.`);
      }

      console.log("\n== run: ingest, build, dashboard ==");
      const target = warehousePath();
      const outcome = await runPipeline({
        incoming,
        warehouse: target,
        landing: landingPath(),
        dist: distPath(),
        command: "demo",
        exclude: [...ALTERNATIVE_LAYOUTS],
        signal: stopOnSignals(),
        onProgress: (m) => process.stderr.write(`run: ${m}\n`),
      });
      console.log(describeOutcome(outcome));
      if (outcome.status !== "succeeded") {
        process.exitCode = exitCode(outcome);
        return;
      }
      const { status, headlines } = await readHeadlines(target);
      console.log(formatStatus(status));
      console.log("\n== headline figures (marts.indicators, state level) ==");
      console.log(formatHeadlines(headlines));
      console.log(`\nQuery it: npx pathways query --list-examples  (read-only SQL; see docs/researchers.md)`);

      console.log(`\nThe dashboard is in ${distPath()}.`);
      console.log("Open it: npx pathways dashboard preview   (then http://127.0.0.1:3000)");
    });
}
