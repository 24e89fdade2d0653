// `pathways audit`: attack what the warehouse publishes, as an attacker holding the public export
// would, and say what it tried and what it found. Every build runs the same attack and refuses to
// publish on a finding; by hand it checks a warehouse (or a hand-made release) again. Exit 1 when
// a protected cell is recovered or bounded to a single value.
import fs from "node:fs";
import type { Command } from "commander";
import { warehousePath } from "../config.ts";
import { type AuditResult, auditRelease, leaks } from "../publish/audit.ts";
import type { CostRow, DisclosureResult } from "../publish/disclose.ts";
import { type CodingSettings, DEFAULT_CODING } from "../publish/protect.ts";
import { type Db, openDb } from "../warehouse/connection.ts";

const n = (x: number) => x.toLocaleString("en-US");

export function formatAudit(r: AuditResult): string {
  const lines = [
    `Attacked the public release (marts.indicators, marts.enrollment_by_revision_band and marts.college_destinations): ${n(r.cells)} cells with counts, ` +
      `${n(r.published)} shown exactly, ${n(r.coded)} shown as a band, ${n(r.protectedCells)} protected (fewer than min_n students, or 0% or 100%).`,
    `Relations that hold exactly: ${Object.entries(r.relations)
      .map(([kind, count]) => `${kind} ${n(count)}`)
      .join(", ")}.`,
    `Subtraction: ${r.rounds.subtraction} rounds until nothing new was learned; rank (relations solved together): ${r.rounds.rank} rounds, ${n(r.unsolvedBlocks)} blocks too large to solve whole; bounds: ${r.rounds.bounds} rounds until no bound moved (${r.seconds.toFixed(1)} s).`,
    `Small groups whose size alone the bounds attack pins to one value (reported, not yet protected): ${n(r.sizesBounded)}.`,
    r.lp.tested
      ? `Bounds by linear programming: ${n(r.lp.lps)} LPs over ${n(r.lp.blocks)} blocks (${n(r.lp.skipped)} too large), ${n(r.lp.pinned)} counts left one whole value.`
      : "Bounds by linear programming: not run (more protected counts left open than LP_MAX_TARGETS).",
    `Protected cells the earlier releases alone already fix (hidden, not protected): ${n(r.knownBefore)}.`,
    `Checked by rule: gap rows shown only beside two shown cells (${n(r.gapLeaks)} break it); grade rows only with min_n student-years (${n(r.gradeLeaks)} break it).`,
  ];
  if (leaks(r) === 0) {
    lines.push("No protected cell can be recovered or bounded to a single value from what is published.");
    return lines.join("\n");
  }
  lines.push(
    `DISCLOSED: ${n(r.recovered)} protected cells recovered exactly (${n(r.byRank)} of them only by solving relations together), ${n(r.bounded)} bounded to a single value (${n(r.recoveredUnderMinN)} of them with fewer than min_n students):`,
  );
  for (const g of r.byLevel)
    lines.push(
      `  ${g.source.padEnd(11)} ${g.level.padEnd(9)} ${g.subgroup_type.padEnd(20)} ${n(g.disclosed)}`,
    );
  if (r.examples.length) lines.push("For example:");
  for (const e of r.examples) {
    lines.push(
      `  ${e.source}: ${e.indicator} ${e.level} ${e.entity_id} ${e.cohort} ${e.subgroup_type}=${e.subgroup}${e.band ? ` band ${e.band}` : ""}${e.release ? ` (as published ${e.release} release${e.release === 1 ? "" : "s"} ago)` : ""}: ${e.numerator} of ${e.denominator} (${e.how})`,
    );
  }
  return lines.join("\n");
}

export function formatCost(rows: CostRow[]): string {
  const lines = ["Cells with student counts showing a value (exactly or as a band):"];
  for (const r of rows)
    lines.push(
      `  ${r.table_name.padEnd(34)} ${r.level.padEnd(9)} ${r.subgroup_type.padEnd(20)} ${n(r.cells).padStart(9)} cells  ${r.published_pct.toFixed(1).padStart(5)}%  (exact ${n(r.exact)}, band ${n(r.coded)}, hidden ${n(r.hidden)}, to protect others ${n(r.complementary)})`,
    );
  return lines.join("\n");
}

/** What the build's disclosure step did and cost, for `pathways build` and `pathways run`. */
export function formatDisclosure(d: DisclosureResult, all = false): string {
  const a = d.audit;
  const lines = [
    `Disclosure control: ${n(a.protectedCells)} cells protected (fewer than ${d.settings.minN} students, or 0%/100%), ` +
      `${n(d.complements)} more hidden to protect them (${d.rounds} rounds${d.repairs ? `, ${n(d.repairs)} terms hidden after the bounds attack` : ""}` +
      `${d.sealing.tested ? `, ${n(d.sealing.open)} blocks sealed against the rank test with ${n(d.sealing.hidden)} more terms` : d.rankTested ? "; too large to seal: what the rank test found repaired" : "; the rank test not run at this size"}), ` +
      `${n(a.coded)} shown as a band; ${d.seconds.protect.toFixed(1)} s.`,
    `Audit: ${a.recovered} recovered exactly (${d.rankTested ? `subtraction or rank; ${n(a.unsolvedBlocks)} blocks too large for the rank test` : "subtraction; no rank test at this size"}), ${a.bounded} bounded to one value, along ${n(Object.values(a.relations).reduce((x, y) => x + y, 0))} relations (${a.seconds.toFixed(1)} s).`,
    formatCost(
      all ? d.cost : d.cost.filter((c) => c.subgroup_type === "all" && c.table_name === "marts.indicators"),
    ),
  ];
  return lines.join("\n");
}

/** The coding settings a warehouse was built with (meta.build_info), or the defaults. */
async function codingOf(db: Db): Promise<CodingSettings> {
  try {
    const [b] = await db.all<{ min_n: number; code_below: number; code_above: number }>(
      "select min_n::int as min_n, code_below::int as code_below, code_above::int as code_above from meta.build_info",
    );
    if (b) return { minN: b.min_n, codeBelow: b.code_below, codeAbove: b.code_above };
  } catch {
    // a hand-made release without build info
  }
  return DEFAULT_CODING;
}

export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description(
      "attack the published indicators by subtraction and bounds along every additive relation; exit 1 if a protected cell is disclosed",
    )
    .option("--warehouse <path>", "warehouse file")
    .option("--json", "print the result as JSON")
    .action(async (flags: { warehouse?: string; json?: boolean }) => {
      const file = warehousePath(flags.warehouse);
      if (!fs.existsSync(file)) throw new Error(`no warehouse at ${file}: run pathways build first`);
      const db = await openDb(file, { readOnly: true });
      try {
        const result = await auditRelease(db, { settings: await codingOf(db) });
        console.log(flags.json ? JSON.stringify({ ...result, learned: undefined }) : formatAudit(result));
        if (leaks(result) > 0) process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}
