// `pathways demo` (= npm start): the whole product on the synthetic state, as far as it exists.
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { DEFAULT_INCOMING_DIR, warehousePath } from "../config.ts";
import { buildDashboard } from "../dashboard/build.ts";
import { ingest } from "../ingest/ingest.ts";
import { formatReport } from "../ingest/report.ts";
import { landingPath } from "../ingest/store.ts";
import { rebuildWarehouse } from "../warehouse/rebuild.ts";
import { formatHeadlines, formatStatus, readHeadlines } from "../warehouse/summary.ts";
import { runGenerate } from "./generate.ts";

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
        });
      } else {
        console.log(`Using the ${present().length} entries already in ${incoming}.`);
      }

      console.log("\n== ingest ==");
      const paths = present()
        .filter((f) => !ALTERNATIVE_LAYOUTS.has(f))
        .map((f) => path.join(incoming, f));
      const landed = await ingest({
        paths,
        write: true,
        landing: landingPath(),
        onFile: (file, i, n) => process.stderr.write(`ingest ${i + 1}/${n}: ${path.basename(file)}\n`),
      });
      console.log(formatReport(landed));

      console.log("\n== build ==");
      const target = warehousePath();
      const built = await rebuildWarehouse({ target, landing: landingPath() });
      console.log(`Published ${target} (${built.models.length} models; every invariant in sql/tests held).`);
      const { status, headlines } = await readHeadlines(target);
      console.log(formatStatus(status));
      console.log("\n== headline figures (marts.indicators, state level) ==");
      console.log(formatHeadlines(headlines));
      console.log(`\nQuery it: npx pathways query --list-examples  (read-only SQL; see README)`);

      console.log("\n== dashboard ==");
      const site = await buildDashboard({ warehouse: target });
      console.log(`Built ${site.pages} pages into ${site.dist} in ${site.seconds.toFixed(1)} s.`);
      console.log("Open it: npx pathways dashboard preview   (then http://127.0.0.1:3000)");
    });
}
