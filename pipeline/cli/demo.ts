// `pathways demo` (= npm start): the whole product on the synthetic state, as far as it exists.
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { DEFAULT_INCOMING_DIR, warehousePath } from "../config.ts";
import { ingest } from "../ingest/ingest.ts";
import { formatReport } from "../ingest/report.ts";
import { landingPath } from "../ingest/store.ts";
import { openDb } from "../warehouse/connection.ts";
import { rebuildWarehouse } from "../warehouse/rebuild.ts";
import { runGenerate } from "./generate.ts";

/** Stages of the pipeline that later work adds; demo names them so nobody mistakes silence for success. */
export const NOT_BUILT_YET = [
  "marts models (marts.student_outcomes, marts.indicators): core tables are built, the indicators are not",
  "dashboard (the Observable Framework site)",
];

/** The generator writes the accountability figures twice (XLSX and normalized CSV); load the XLSX. */
const ALTERNATIVE_LAYOUTS = new Set(["normalized"]);

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("generate the synthetic state if data/incoming is empty, ingest it, build the warehouse")
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
      console.log(`Published ${target} (${built.models.map((m) => m.name).join(", ")}).`);
      const db = await openDb(target, { readOnly: true });
      const rows = await db.all<{ school_year: number; rated: number; flagged: number }>(`
        select school_year, count(*) filter (where grad_rate is not null)::int as rated,
          count(*) filter (where grad_rate > 75 and ccr_rate < 30)::int as flagged
        from staging.stg_accountability where level = 'district' and not is_charter
        group by 1 order by 1 desc limit 3`);
      db.close();
      for (const r of rows) {
        console.log(
          `  ${r.school_year}: ${r.flagged} of ${r.rated} rated districts graduate over 75% with CCR under 30%`,
        );
      }

      console.log("\nNot built yet, so the demo stops here:");
      for (const stage of NOT_BUILT_YET) console.log(`  - ${stage}`);
    });
}
