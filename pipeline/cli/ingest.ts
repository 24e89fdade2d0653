// `pathways ingest` and `pathways validate`
import type { Command } from "commander";
import { warehousePath } from "../config.ts";
import { ingest } from "../ingest/ingest.ts";
import { type Mapping, MappingError, mappingFromFlags, readMappingFile } from "../ingest/mapping.ts";
import { formatReport } from "../ingest/report.ts";
import { landingPath } from "../ingest/store.ts";
import { withRunLock } from "../ops/run.ts";
import { KINDS } from "../sources/index.ts";
import { UsageError } from "./usage-error.ts";

interface Flags {
  kind?: string;
  warehouse?: string;
  map: string[];
  mapping?: string;
  replace?: boolean;
}

/** --map and --mapping as one mapping; a mistake in either is a usage error (exit 2). */
function mappingOf(flags: Flags): Mapping | undefined {
  try {
    const fromFile = flags.mapping ? readMappingFile(flags.mapping, flags.kind) : undefined;
    if (flags.map.length === 0) return fromFile;
    const fromFlags = mappingFromFlags(flags.map, flags.kind ?? fromFile?.kind);
    if (!fromFile) return fromFlags;
    return {
      ...fromFile,
      origin: `${fromFile.origin} and --map`,
      columns: new Map([...fromFile.columns, ...fromFlags.columns]),
      spelled: new Map([...fromFile.spelled, ...fromFlags.spelled]),
    };
  } catch (error) {
    if (error instanceof MappingError) throw new UsageError(error.message);
    throw error;
  }
}

export function registerIngest(program: Command): void {
  const kinds = KINDS.map((k) => k.kind).join(", ");
  for (const write of [true, false]) {
    program
      .command(write ? "ingest" : "validate")
      .description(
        write
          ? "land files into raw.* with lineage; quarantine rejected rows in meta.rejects; print the load report"
          : "the same checks as ingest; nothing is written",
      )
      .argument("<paths...>", "files or folders")
      .option("--kind <kind>", `skip detection: ${kinds}`)
      .option("--warehouse <path>", "warehouse file (the landing store sits beside it)")
      .option(
        "--map <source=target>",
        "read column SOURCE as TARGET, any header spelling the kind accepts (repeatable; needs --kind)",
        (value: string, previous: string[]) => [...previous, value],
        [],
      )
      .option(
        "--mapping <file>",
        "a mapping file (JSON or YAML): kind, columns {source: target}, values {field: {from: to}}",
      )
      .option(
        "--replace",
        "each file replaces the loaded files of its kind and period (refused if it loads no rows, or under half the rows or students)",
      )
      .action(async (paths: string[], flags: Flags) => {
        if (flags.kind && !KINDS.some((k) => k.kind === flags.kind))
          throw new UsageError(`--kind must be one of ${kinds}`);
        const mapping = mappingOf(flags);
        const work = () =>
          ingest({
            paths,
            kind: flags.kind ?? mapping?.kind,
            mapping,
            write,
            replace: flags.replace,
            landing: write ? landingPath(flags.warehouse) : undefined,
            onFile: (file, i, total) =>
              process.stderr.write(`${write ? "ingest" : "validate"} ${i + 1}/${total}: ${file}\n`),
          });
        const result = write
          ? await withRunLock(warehousePath(flags.warehouse), "ingest", work)
          : await work();
        console.log(formatReport(result));
        if (result.files.some((r) => r.status === "failed")) process.exitCode = 1;
      });
  }
}
