// The `pathways` command line. Exit codes: 0 success, 1 failure (nothing changed), 2 bad usage.
import { Command, CommanderError } from "commander";
import { ZodError } from "zod";
import { registerAudit } from "./audit.ts";
import { registerBuild } from "./build.ts";
import { registerDashboard } from "./dashboard.ts";
import { registerDemo } from "./demo.ts";
import { registerExport } from "./export.ts";
import { registerGenerate } from "./generate.ts";
import { registerIngest } from "./ingest.ts";
import { registerOps } from "./ops.ts";
import { registerQuery } from "./query.ts";
import { UsageError } from "./usage-error.ts";

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("pathways")
    .description(
      "Individual Success Plans, readiness and postsecondary enrollment: a warehouse and indicators.",
    )
    .exitOverride()
    .showHelpAfterError();
  registerDemo(program);
  registerGenerate(program);
  registerIngest(program);
  registerBuild(program);
  registerQuery(program);
  registerExport(program);
  registerAudit(program);
  registerDashboard(program);
  registerOps(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? 0 : 2;
    }
    if (error instanceof UsageError) {
      console.error(`pathways: ${error.message}`);
      return 2;
    }
    if (error instanceof ZodError) {
      for (const issue of error.issues)
        console.error(`pathways: ${issue.path.join(".") || "options"}: ${issue.message}`);
      return 2;
    }
    console.error(`pathways: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
