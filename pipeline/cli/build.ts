// `pathways build`: build the warehouse from the landing store, atomically, then say which
// indicators it holds and which it lacks and why. `--list` prints the models in the order the
// build derives from their SQL, with what each reads. `pathways macros` writes the generated
// macro files of sql/macros/.
import type { Command } from "commander";
import { SQL_DIR, warehousePath } from "../config.ts";
import { landingPath } from "../ingest/store.ts";
import { withRunLock } from "../ops/run.ts";
import { buildWarehouse, repositoryModels } from "../warehouse/build.ts";
import { writeGeneratedMacros } from "../warehouse/macros.ts";
import { modelFile, readBy } from "../warehouse/models.ts";
import { formatStatus, readHeadlines } from "../warehouse/summary.ts";
import { formatDisclosure } from "./audit.ts";

/** The build graph as text: one line per model in build order, what it reads, and what reads it. */
export function formatLineage(): string {
  const models = repositoryModels();
  const readers = readBy(models);
  const width = Math.max(...models.map((m) => m.table.length));
  const lines = models.map((m, i) => {
    const used = readers.get(m.table) ?? [];
    return `${String(i + 1).padStart(2)}  ${m.table.padEnd(width)}  ${modelFile(m)}
      reads   ${m.reads.join(", ") || "(nothing: it is a definition)"}
      read by ${used.join(", ") || "(nothing: a final table)"}`;
  });
  return `${models.length} models, in the order the build runs them (derived from the tables each one's SQL names):\n${lines.join("\n")}`;
}

export function registerBuild(program: Command): void {
  program
    .command("build")
    .description(
      "rebuild the warehouse's models from the landing store; publish only if every model and invariant passes",
    )
    .option("--warehouse <path>", "warehouse file")
    .option("--list", "print the models in build order with what each reads and what reads it; build nothing")
    .action(async (flags: { warehouse?: string; list?: boolean }) => {
      if (flags.list) {
        console.log(formatLineage());
        return;
      }
      const target = warehousePath(flags.warehouse);
      const result = await withRunLock(target, "build", () =>
        buildWarehouse({
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

  program
    .command("macros")
    .description("write the generated macro files of sql/macros/ (the contracts and the interval statistics)")
    .action(() => {
      const changed = writeGeneratedMacros(SQL_DIR);
      console.log(
        changed.length ? `wrote ${changed.map((f) => `sql/${f}`).join(", ")}` : "sql/macros/ is current",
      );
    });
}
