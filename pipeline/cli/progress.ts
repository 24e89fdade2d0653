// Step progress on a terminal: a bar when stderr is a TTY, plain lines otherwise (CI, logs).
import { createRequire } from "node:module";

type CliProgress = typeof import("cli-progress");

export function stepProgress(title: string) {
  const tty = process.stderr.isTTY;
  // loaded only for a terminal, where a bar is drawn
  const cliProgress = tty ? (createRequire(import.meta.url)("cli-progress") as CliProgress) : null;
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        {
          format: `${title} [{bar}] {value}/{total} {step} ({duration}s)`,
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const started = performance.now();
  let begun = false;
  return {
    step(step: string, index: number, total: number) {
      if (bar) {
        if (!begun) bar.start(total, index, { step });
        else bar.update(index, { step });
      } else {
        const s = ((performance.now() - started) / 1000).toFixed(1);
        process.stderr.write(`${title}: ${index + 1}/${total} ${step} (${s}s)\n`);
      }
      begun = true;
    },
    done() {
      if (bar && begun) {
        bar.update(bar.getTotal(), { step: "done" });
        bar.stop();
      }
    },
  };
}
