// `pathways demo` (= npm start): the whole product on the synthetic state, as far as it exists.
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { DEFAULT_INCOMING_DIR } from "../config.ts";
import { runGenerate } from "./generate.ts";

/** Stages of the pipeline that later work adds; demo names them so nobody mistakes silence for success. */
export const NOT_BUILT_YET = [
  "ingest (land, validate and quarantine the files into the warehouse)",
  "build (staging, core and marts.indicators)",
  "dashboard (the Observable Framework site)",
];

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "generate the synthetic state if data/incoming is empty, then run the pipeline as far as it exists",
    )
    .option("--students <n>", "students to generate when data/incoming is empty", "state")
    .option("--seed <s>", "random seed", "1")
    .action(async (flags: { students: string; seed: string }) => {
      const incoming = DEFAULT_INCOMING_DIR;
      const present = fs.existsSync(incoming)
        ? fs.readdirSync(incoming).filter((f) => !f.startsWith("."))
        : [];
      if (present.length === 0) {
        console.log(`data/incoming is empty: generating the default synthetic state into ${incoming}`);
        await runGenerate({
          students: flags.students,
          seed: flags.seed,
          classes: "2016-2025",
          out: incoming,
          memoryLimit: "2GB",
        });
      } else {
        console.log(
          `Using the ${present.length} entries already in ${path.relative(process.cwd(), incoming) || incoming}.`,
        );
      }
      console.log("\nNot built yet, so the demo stops here:");
      for (const stage of NOT_BUILT_YET) console.log(`  - ${stage}`);
      console.log("The generated files are real inputs for those stages; see README.md for their layout.");
    });
}
