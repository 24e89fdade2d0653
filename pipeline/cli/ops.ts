// `pathways run`, `pathways schedule`, `pathways status`: unattended refresh and a view of it.
import path from "node:path";
import type { Command } from "commander";
import { DEFAULT_INCOMING_DIR, warehousePath } from "../config.ts";
import { distPath } from "../dashboard/build.ts";
import { formatReport } from "../ingest/report.ts";
import { landingPath } from "../ingest/store.ts";
import { logLine, type RunOutcome, runPipeline } from "../ops/run.ts";
import { runSchedule, validCron } from "../ops/schedule.ts";
import { formatStatus, readStatus } from "../ops/status.ts";
import { UsageError } from "./usage-error.ts";

/** Exit codes beyond 0/1/2: another run held the lock; stopped by a signal. */
export const EXIT_SKIPPED = 75;
export const EXIT_INTERRUPTED = 130;

interface RunFlags {
  incoming: string;
  warehouse?: string;
  dashboard: boolean;
  force?: boolean;
  json?: boolean;
  dist?: string;
}

/** The first SIGINT/SIGTERM asks for a clean stop; a second one exits at once. */
export function stopOnSignals(onFirst?: (signal: string) => void): AbortSignal {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.stderr.write(`pathways: ${signal} again: exiting now (anything published stays whole)\n`);
      process.exit(EXIT_INTERRUPTED);
    }
    onFirst?.(signal);
    controller.abort(new Error(`stopped by ${signal}`));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return controller.signal;
}

function runTargets(flags: RunFlags) {
  return {
    incoming: path.resolve(flags.incoming),
    warehouse: warehousePath(flags.warehouse),
    landing: landingPath(flags.warehouse),
    dist: flags.dashboard ? distPath(flags.dist) : null,
  };
}

export function describeOutcome(outcome: RunOutcome): string {
  const lines: string[] = [];
  if (outcome.ingest) lines.push(formatReport(outcome.ingest), "");
  for (const f of outcome.leftoversRemoved) lines.push(`Removed the leftover of a dead run: ${f}`);
  if (outcome.closedAbandoned > 0)
    lines.push(
      `Closed ${outcome.closedAbandoned} run(s) a killed process left open (meta.runs: interrupted).`,
    );
  if (outcome.warehouseBuilt) lines.push("Warehouse rebuilt and published.");
  if (outcome.dashboardBuilt) lines.push("Dashboard rebuilt and published.");
  for (const u of outcome.upToDate) lines.push(`Up to date: ${u}.`);
  const seconds = ((outcome.finishedAt.getTime() - outcome.startedAt.getTime()) / 1000).toFixed(1);
  const id = outcome.runId === null ? "" : ` #${outcome.runId}`;
  lines.push(`Run${id}: ${outcome.status} in ${seconds} s${outcome.error ? `: ${outcome.error}` : "."}`);
  return lines.join("\n");
}

export function exitCode(outcome: RunOutcome): number {
  switch (outcome.status) {
    case "succeeded":
      return 0;
    case "skipped":
      return EXIT_SKIPPED;
    case "interrupted":
      return EXIT_INTERRUPTED;
    default:
      return 1;
  }
}

export function registerOps(program: Command): void {
  program
    .command("run")
    .description(
      "ingest everything new in the incoming folder, rebuild the warehouse if its inputs changed, then the dashboard",
    )
    .option("--incoming <dir>", "folder of files to load", DEFAULT_INCOMING_DIR)
    .option("--warehouse <path>", "warehouse file")
    .option("--dist <dir>", "where the site is published (PATHWAYS_DIST, else dist/)")
    .option("--no-dashboard", "skip the dashboard step")
    .option("--force", "rebuild the warehouse and the dashboard even if nothing changed")
    .option("--json", "print only the structured log line of the run")
    .action(async (flags: RunFlags) => {
      const signal = stopOnSignals((s) =>
        process.stderr.write(
          `pathways: ${s}: stopping after the current file; a build in progress is abandoned (the published warehouse stays)\n`,
        ),
      );
      const outcome = await runPipeline({
        ...runTargets(flags),
        command: "run",
        force: flags.force,
        signal,
        onProgress: (m) => process.stderr.write(`run: ${m}\n`),
      });
      console.log(flags.json ? logLine(outcome, "run") : describeOutcome(outcome));
      process.exitCode = exitCode(outcome);
    });

  program
    .command("schedule")
    .description(
      "stay running; on each cron tick do what `run` does, never two at once; one JSON log line per run",
    )
    .option("--cron <expr>", "cron expression, 5 fields or 6 with seconds first", "0 2 * * *")
    .option("--incoming <dir>", "folder of files to load", DEFAULT_INCOMING_DIR)
    .option("--warehouse <path>", "warehouse file")
    .option("--dist <dir>", "where the site is published (PATHWAYS_DIST, else dist/)")
    .option("--no-dashboard", "skip the dashboard step")
    .option("--now", "also run once at start")
    .action(async (flags: RunFlags & { cron: string; now?: boolean }) => {
      if (!validCron(flags.cron))
        throw new UsageError(
          `--cron: not a cron expression: "${flags.cron}" (e.g. "0 2 * * *" or "*/30 * * * * *")`,
        );
      const stop = stopOnSignals((s) =>
        process.stderr.write(`pathways: ${s}: stopping the schedule; a second signal exits at once\n`),
      );
      await runSchedule({
        cron: flags.cron,
        now: flags.now,
        run: { ...runTargets(flags), onProgress: (m) => process.stderr.write(`run: ${m}\n`) },
        log: (line) => console.log(line),
        stop,
      });
    });

  program
    .command("status")
    .description("the last runs, what is loaded per kind and period, freshness, open rejects")
    .option("--warehouse <path>", "warehouse file")
    .option("--dist <dir>", "where the site is published (PATHWAYS_DIST, else dist/)")
    .option("--runs <n>", "how many runs to list", "10")
    .action(async (flags: { warehouse?: string; dist?: string; runs: string }) => {
      const runs = Number(flags.runs);
      if (!Number.isInteger(runs) || runs < 1) throw new UsageError("--runs must be a positive integer");
      const status = await readStatus({
        warehouse: warehousePath(flags.warehouse),
        landing: landingPath(flags.warehouse),
        dist: distPath(flags.dist),
        runs,
      });
      console.log(formatStatus(status));
    });
}
