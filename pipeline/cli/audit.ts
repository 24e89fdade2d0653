// `pathways audit`: attack what the warehouse would publish, as an attacker holding the public
// export would, and say which suppressed cells it gives away. Exit 1 when any primary cell is
// recovered exactly.
import fs from "node:fs";
import type { Command } from "commander";
import { warehousePath } from "../config.ts";
import { type AuditResult, auditRelease } from "../publish/audit.ts";
import { type ProtectionResult, protectRelease } from "../publish/protect.ts";
import { openDb } from "../warehouse/connection.ts";

const n = (x: number) => x.toLocaleString("en-US");

export function formatAudit(r: AuditResult): string {
  const lines = [
    `Attacked the public release (marts.indicators, enrollment_by_revision_band, indicator_gaps): ${n(r.cells)} cells with counts, ${n(r.published)} published, ` +
      `${n(r.primary)} suppressed (primary), ${n(r.complementary)} suppressed to protect them (complementary).`,
    `Relations that hold exactly: ${Object.entries(r.relations)
      .map(([kind, count]) => `${kind} ${n(count)}`)
      .join(
        ", ",
      )}; ${r.rounds} rounds of subtraction until nothing new was learned (${r.seconds.toFixed(1)} s).`,
  ];
  if (r.recovered === 0) {
    lines.push("No suppressed cell can be recovered exactly from what is published.");
    return lines.join("\n");
  }
  lines.push(
    `RECOVERED: ${n(r.recovered)} primary-suppressed cells (${n(r.recoveredUnderMinN)} of them with fewer than min_n students) can be recovered exactly:`,
  );
  for (const g of r.recoveredByLevel)
    lines.push(
      `  ${g.source.padEnd(11)} ${g.level.padEnd(9)} ${g.subgroup_type.padEnd(20)} ${n(g.recovered)}`,
    );
  lines.push("For example:");
  for (const e of r.examples) {
    lines.push(
      `  ${e.source}: ${e.indicator} ${e.level} ${e.entity_id} ${e.cohort} ${e.subgroup_type}=${e.subgroup}${e.band ? ` band ${e.band}` : ""}: ${e.numerator} of ${e.denominator}`,
    );
  }
  lines.push(
    "Not attacked yet: the dashboard's files as such (they are built from these tables), bounds from intervals.",
  );
  return lines.join("\n");
}

export function formatProtection(r: ProtectionResult): string {
  const lines = [
    `What-if: complementary suppression over every relation (not yet what the build publishes): ${n(r.complements)} complements in ${r.rounds} rounds (${r.seconds.toFixed(1)} s); ` +
      `the same attack then recovers ${n(r.recoveredAfter)} cells.`,
    "Share of cells showing a value (exactly or as a top/bottom-coded band), today -> with it:",
  ];
  for (const s of r.shares)
    lines.push(
      `  ${s.level.padEnd(9)} ${s.subgroup_type.padEnd(20)} ${n(s.cells).padStart(9)} cells  ${s.before}% -> ${s.after}%`,
    );
  return lines.join("\n");
}

export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description(
      "attack the published indicators by subtraction along every additive relation; exit 1 if a suppressed cell is recovered",
    )
    .option("--warehouse <path>", "warehouse file")
    .option("--json", "print the result as JSON")
    .option("--what-if", "also measure what complementary suppression over every relation would publish")
    .action(async (flags: { warehouse?: string; json?: boolean; whatIf?: boolean }) => {
      const file = warehousePath(flags.warehouse);
      if (!fs.existsSync(file)) throw new Error(`no warehouse at ${file}: run pathways build first`);
      const db = await openDb(file, { readOnly: true });
      try {
        const result = await auditRelease(db);
        console.log(flags.json ? JSON.stringify(result) : formatAudit(result));
        if (flags.whatIf) {
          const protection = await protectRelease(db);
          console.log(flags.json ? JSON.stringify(protection) : formatProtection(protection));
        }
        if (result.recovered > 0) process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}
