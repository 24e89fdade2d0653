// `pathways schedule`: stay running and refresh on a cron schedule (node-cron; a sixth leading
// field for seconds is allowed). A tick while a run is going is skipped and logged, here and
// across processes (the run lock). SIGINT or SIGTERM stops the schedule: the current run lets its
// file finish, abandons a build, records itself as interrupted; a second signal exits at once
// (whatever was published stays whole: every publish is a rename).
import cron from "node-cron";
import { logLine, type RunOptions, runPipeline } from "./run.ts";

export interface ScheduleOptions {
  cron: string;
  run: Omit<RunOptions, "signal" | "command">;
  /** Also run once at start, before the first tick. */
  now?: boolean;
  /** One JSON object per line: a run, a skipped tick, start and stop. */
  log: (line: string) => void;
  /** Raised by the caller's signal handlers (tests pass their own). */
  stop: AbortSignal;
}

export function validCron(expression: string): boolean {
  return cron.validate(expression);
}

export async function runSchedule(options: ScheduleOptions): Promise<void> {
  const event = (name: string, fields: Record<string, unknown> = {}) =>
    options.log(JSON.stringify({ time: new Date().toISOString(), event: name, ...fields }));
  const controller = new AbortController();
  let current: Promise<void> | null = null;

  const tick = (trigger: string) => {
    if (controller.signal.aborted) return;
    if (current) {
      event("skipped", { trigger, reason: "the previous run is still going (this process)" });
      return;
    }
    current = (async () => {
      const outcome = await runPipeline({ ...options.run, command: "schedule", signal: controller.signal });
      if (outcome.status === "skipped")
        event("skipped", { trigger, reason: outcome.error, held_by: outcome.heldBy ?? null });
      else options.log(logLine(outcome, "schedule"));
    })()
      .catch((error) => event("error", { message: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        current = null;
      });
  };

  const task = cron.schedule(options.cron, () => tick("cron"), { name: "pathways-refresh" });
  event("started", {
    cron: options.cron,
    incoming: options.run.incoming,
    warehouse: options.run.warehouse,
    next_run: task.getNextRun()?.toISOString() ?? null,
  });
  if (options.now) tick("start");

  await new Promise<void>((resolve) => {
    if (options.stop.aborted) resolve();
    options.stop.addEventListener("abort", () => resolve(), { once: true });
  });
  await task.stop();
  await task.destroy();
  event("stopping", { run_in_progress: current !== null });
  controller.abort();
  await current;
  event("stopped");
}
