// The SQL macros every build defines before its models: the files of sql/macros/, run in name
// order. Two of them are generated from TypeScript and written there by `pathways macros`
// (the input contracts, and the interval statistics with their exact Poisson table), so that a
// reader finds every macro's definition under sql/; the build refuses to run on a stale copy.
import fs from "node:fs";
import path from "node:path";
import { contractMacros } from "../sources/macros.ts";
import { EXACT_POISSON_MAX, statisticsMacros } from "./statistics.ts";

export const MACROS_DIR = "macros";

const GENERATED: Record<string, { from: string; sql: () => string }> = {
  "contracts.sql": {
    from: "pipeline/sources/ (the input contracts)",
    sql: () =>
      `-- contract_<kind>_<field>(value): the input contracts as SQL, so staging normalizes with exactly
-- the rules ingest validated with, e.g. contract_students_race_ethnicity('B') = 'black'.
${contractMacros()}
`,
  },
  "statistics.sql": {
    from: "pipeline/warehouse/statistics.ts",
    sql: () =>
      `-- wilson_low/high(k, n): the 95% Wilson score interval of the proportion k / n.
-- poisson_low/high(k): the 95% exact (Garwood) limits of a Poisson count k, from a table up to
-- ${EXACT_POISSON_MAX} and the Wilson-Hilferty approximation beyond.
${statisticsMacros()}`,
  },
};

function generated(name: string): string {
  const g = GENERATED[name];
  if (!g) throw new Error(`no generated macro file ${name}`);
  return `-- Generated from ${g.from} by \`pathways macros\`: do not edit; edit the source and run it.\n${g.sql()}`;
}

/** Write the generated macro files; returns the ones whose content changed. */
export function writeGeneratedMacros(sqlDir: string): string[] {
  const dir = path.join(sqlDir, MACROS_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const changed: string[] = [];
  for (const name of Object.keys(GENERATED)) {
    const file = path.join(dir, name);
    const text = generated(name);
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) {
      fs.writeFileSync(file, text);
      changed.push(path.join(MACROS_DIR, name));
    }
  }
  return changed;
}

/** Generated macro files that differ from what their sources give now. */
export function staleMacros(sqlDir: string): string[] {
  return Object.keys(GENERATED).filter((name) => {
    const file = path.join(sqlDir, MACROS_DIR, name);
    return !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== generated(name);
  });
}

export interface MacroFile {
  name: string;
  sql: string;
}

/** The macro files in the order the build runs them. */
export function readMacros(sqlDir: string): MacroFile[] {
  const dir = path.join(sqlDir, MACROS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => ({ name: `${MACROS_DIR}/${f}`, sql: fs.readFileSync(path.join(dir, f), "utf8") }));
}
