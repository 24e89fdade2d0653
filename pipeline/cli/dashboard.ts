// `pathways dashboard build|preview`: the Observable Framework site from the current warehouse.
import fs from "node:fs";
import type { Command } from "commander";
import { warehousePath } from "../config.ts";
import { buildDashboard, distPath } from "../dashboard/build.ts";
import { serveDashboard } from "../dashboard/serve.ts";
import { withRunLock } from "../ops/run.ts";
import { UsageError } from "./usage-error.ts";

export function registerDashboard(program: Command): void {
  const dashboard = program.command("dashboard").description("build or preview the dashboard site");
  dashboard
    .command("build")
    .description(
      "build the site into dist/ from the warehouse (aggregates only); a failed build keeps the old site",
    )
    .option("--warehouse <path>", "warehouse file")
    .action(async (flags: { warehouse?: string }) => {
      const warehouse = warehousePath(flags.warehouse);
      const result = await withRunLock(warehouse, "dashboard build", () => buildDashboard({ warehouse }));
      console.log(`Built ${result.pages} pages into ${result.dist} in ${result.seconds.toFixed(1)} s.`);
      console.log("Open it: npx pathways dashboard preview");
    });
  dashboard
    .command("preview")
    .description("serve dist/ on http://127.0.0.1:PORT until interrupted")
    .option("--port <n>", "port", "3000")
    .action(async (flags: { port: string }) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError("--port must be a port number");
      const dist = distPath();
      if (!fs.existsSync(dist)) throw new Error(`no site at ${dist}: run pathways dashboard build first`);
      const server = await serveDashboard(dist, port);
      console.log(`Serving ${dist} at ${server.url} (Ctrl-C to stop).`);
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
      await server.close();
    });
}
