// `pathways build`: rebuild the warehouse from the landing store, atomically.
import fs from "node:fs";
import type { Command } from "commander";
import { SQL_DIR, warehousePath } from "../config.ts";
import { landingPath } from "../ingest/store.ts";
import { buildWarehouse } from "../warehouse/build.ts";

export function registerBuild(program: Command): void {
  program
    .command("build")
    .description(
      "rebuild the warehouse's models from the landing store; publish only if every model succeeds",
    )
    .option("--warehouse <path>", "warehouse file")
    .action(async (flags: { warehouse?: string }) => {
      const target = warehousePath(flags.warehouse);
      const landing = landingPath(flags.warehouse);
      if (!fs.existsSync(landing))
        throw new Error(`no landing store at ${landing}: run pathways ingest first`);
      const result = await buildWarehouse({
        target,
        sqlDir: SQL_DIR,
        attach: { landing },
        onModel: (m, i, n) => process.stderr.write(`build ${i + 1}/${n}: ${m.name}\n`),
      });
      for (const m of result.models) console.log(`  ${m.name.padEnd(40)} ${(m.ms / 1000).toFixed(2)} s`);
      console.log(`Published ${result.target} (${result.models.length} models).`);
      console.log("Only staging models exist so far: core and marts (the indicators) are not built yet.");
    });
}
