// What a killed run leaves behind, removed by the next run once it holds the lock: half-built
// warehouses (`<warehouse>.building-<pid>`, with .wal and .tmp), half-built sites
// (`<dist>.building-<pid>`, after stopping the dashboard build that was writing it).
import fs from "node:fs";
import path from "node:path";
import { stopOrphanedDashboardBuild } from "../dashboard/build.ts";
import { processAlive } from "./lock.ts";

/** Remove the leftovers of dead processes beside each published path; returns what was removed. */
export function removeLeftovers(published: string[]): string[] {
  const removed: string[] = [];
  stopOrphanedDashboardBuild();
  for (const target of published) {
    const dir = path.dirname(path.resolve(target));
    if (!fs.existsSync(dir)) continue;
    const prefixes = [".building-", ".old-", ".link-"].map((p) => `${path.basename(target)}${p}`);
    // a recorded dashboard build is stopped before its folder is removed
    const names = fs
      .readdirSync(dir)
      .sort((a, b) => Number(b.endsWith(".child")) - Number(a.endsWith(".child")));
    for (const name of names) {
      const prefix = prefixes.find((p) => name.startsWith(p));
      if (!prefix) continue;
      const pid = Number.parseInt(name.slice(prefix.length), 10);
      if (!Number.isInteger(pid) || processAlive(pid)) continue;
      const file = path.join(dir, name);
      fs.rmSync(file, { recursive: true, force: true });
      removed.push(file);
    }
  }
  return removed;
}
