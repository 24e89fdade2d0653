// `pathways build`: rebuild the warehouse from the landing store, atomically, then say which
// indicators it holds and which it lacks and why.
import type { Command } from "commander";
import { warehousePath } from "../config.ts";
import { landingPath } from "../ingest/store.ts";
import { withRunLock } from "../ops/run.ts";
import { rebuildWarehouse } from "../warehouse/rebuild.ts";
import { formatStatus, readHeadlines } from "../warehouse/summary.ts";
import { formatDisclosure } from "./audit.ts";

export function registerBuild(program: Command): void {
  program
    .command("build")
    .description(
      "rebuild the warehouse's models from the landing store; publish only if every model and invariant passes",
    )
    .option("--warehouse <path>", "warehouse file")
    .action(async (flags: { warehouse?: string }) => {
      const target = warehousePath(flags.warehouse);
      const result = await withRunLock(target, "build", () =>
        rebuildWarehouse({
          target,
          landing: landingPath(flags.warehouse),
          onModel: (name, i, n) => process.stderr.write(`build ${i + 1}/${n}: ${name}\n`),
        }),
      );
      for (const m of result.models) console.log(`  ${m.name.padEnd(40)} ${(m.ms / 1000).toFixed(2)} s`);
      console.log(formatDisclosure(result.disclosure));
      console.log(
        `Published ${result.target} (${result.models.length} models, every invariant in sql/tests held, the disclosure audit found nothing).`,
      );
      const { status } = await readHeadlines(target);
      console.log(formatStatus(status));
    });
}
