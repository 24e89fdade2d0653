// `pathways export`: the warehouse as Parquet plus dictionary.md; --public for publishable aggregates only.
import path from "node:path";
import type { Command } from "commander";
import { warehousePath } from "../config.ts";
import { exportWarehouse } from "../warehouse/export.ts";

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write the warehouse tables as Parquet with a Markdown data dictionary")
    .option("--out <dir>", "output folder", "data/export")
    .option("--public", "only suppressed aggregates (marts.indicators and friends), safe to publish")
    .option("--warehouse <path>", "warehouse file")
    .action(async (flags: { out: string; public?: boolean; warehouse?: string }) => {
      const result = await exportWarehouse(warehousePath(flags.warehouse), flags.out, {
        public: flags.public,
      });
      for (const f of result.files)
        console.log(`  ${path.basename(f.file).padEnd(48)} ${f.rows.toLocaleString("en-US")} rows`);
      console.log(
        `Wrote ${result.files.length} Parquet file(s) and ${path.basename(result.dictionary)} to ${flags.out}${flags.public ? " (public: suppressed cells have no numbers)" : ""}.`,
      );
    });
}
