// `pathways query`: read-only SQL against the warehouse, or one of the named examples.
import fs from "node:fs";
import type { Command } from "commander";
import { warehousePath } from "../config.ts";
import { exampleParams, findExample, listExamples, runQuery, SANDBOX } from "../warehouse/query.ts";
import { formatRows, type OutputFormat } from "./format.ts";
import { UsageError } from "./usage-error.ts";

const FORMATS = ["table", "csv", "json"];

export function registerQuery(program: Command): void {
  program
    .command("query")
    .description("run read-only SQL against the warehouse (time limit, row cap), or a named example")
    .argument("[sql]", "the SQL to run (or use --file, --example)")
    .option("--file <path>", "read the SQL from a file")
    .option("--example <name>", "run a named example from sql/examples/")
    .option("--list-examples", "list the named examples and their parameters")
    .option(
      "--param <name=value>",
      "a value for the SQL's $name parameter (repeatable); bound as text, never pasted into the SQL",
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option("--format <format>", "table, csv or json", "table")
    .option("--max-rows <n>", "row cap (says so when it truncates)", "1000")
    .option("--timeout <seconds>", "time limit (the query process is ended past it)", "30")
    .option("--memory-limit <size>", "memory limit of the query process", SANDBOX.memoryLimit)
    .option("--public-only", "query the public tables alone (what export --public writes)")
    .option("--warehouse <path>", "warehouse file")
    .action(
      async (
        sqlArg: string | undefined,
        flags: {
          file?: string;
          example?: string;
          listExamples?: boolean;
          param: string[];
          format: string;
          maxRows: string;
          timeout: string;
          memoryLimit: string;
          publicOnly?: boolean;
          warehouse?: string;
        },
      ) => {
        if (flags.listExamples) {
          for (const e of listExamples()) {
            console.log(`${e.name.padEnd(34)} ${e.title}`);
            for (const p of e.params)
              console.log(
                `${"".padEnd(36)}--param ${p.name}=...  ${p.description}${p.default ? ` (default ${p.default})` : ""}`,
              );
          }
          return;
        }
        if (!FORMATS.includes(flags.format))
          throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
        const maxRows = Number(flags.maxRows);
        const timeout = Number(flags.timeout);
        if (!Number.isInteger(maxRows) || maxRows < 1)
          throw new UsageError("--max-rows must be a positive integer");
        if (!/^[0-9]+(\.[0-9]+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i.test(flags.memoryLimit))
          throw new UsageError("--memory-limit must be a size such as 2GB or 500MB");
        if (!(timeout > 0)) throw new UsageError("--timeout must be a positive number of seconds");
        const sources = [sqlArg, flags.file, flags.example].filter((s) => s !== undefined);
        if (sources.length !== 1) throw new UsageError("give exactly one of: SQL, --file, --example");
        const given: Record<string, string> = {};
        for (const p of flags.param) {
          const at = p.indexOf("=");
          if (at < 1) throw new UsageError(`--param ${p}: write name=value`);
          given[p.slice(0, at)] = p.slice(at + 1);
        }
        const example = flags.example ? findExample(flags.example) : undefined;
        let params = given;
        try {
          if (example) params = exampleParams(example, given);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        const sql = example
          ? example.sql
          : flags.file
            ? fs.readFileSync(flags.file, "utf8")
            : (sqlArg as string);

        const result = await runQuery(warehousePath(flags.warehouse), sql, {
          maxRows,
          timeoutMs: timeout * 1000,
          memoryLimit: flags.memoryLimit,
          publicOnly: flags.publicOnly,
          params,
        });
        console.log(formatRows(result.columns, result.rows, flags.format as OutputFormat));
        const note = result.truncated
          ? `truncated: showing the first ${maxRows} rows (raise --max-rows to see more)`
          : `${result.rows.length} row(s)`;
        process.stderr.write(`${note}, ${(result.ms / 1000).toFixed(2)} s\n`);
      },
    );
}
