// Rebuild the published warehouse from the landing store: the models of sql/ with the input
// contracts available as SQL macros, published atomically.
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT, SQL_DIR } from "../config.ts";
import { checkKeyForBuild } from "../ingest/id-key.ts";
import { DISCLOSURE_DOCS, type DisclosureResult, discloseRelease } from "../publish/disclose.ts";
import { contractMacros } from "../sources/macros.ts";
import { type BuildResult, buildWarehouse } from "./build.ts";
import { openDb, sqlString } from "./connection.ts";
import { writeDictionary } from "./dictionary.ts";
import { checkInvariants } from "./invariants.ts";
import { statisticsMacros } from "./statistics.ts";

/** Settings the models read with getvariable(); INDICATORS.md gives the defaults. */
export const SETTINGS = {
  min_n: 10,
  /** Top and bottom coding: proportions at or below / at or above these percentages show a band. */
  code_below: 5,
  code_above: 95,
  high_grad_threshold: 75,
  low_ccr_threshold: 30,
  home_state: "MS",
  /** Plan events or NSC rows matching no student above this share fail the build (sql/tests/students_known.sql). */
  max_unknown_student_share: 0.05,
  /** Committed reference tables the models read (goals.csv). */
  reference_dir: path.join(REPO_ROOT, "data", "reference"),
};
export type Settings = typeof SETTINGS;

/** Which landed files count: the latest version of each kind and period (meta.files.status);
 * district numbers without leading zeros (MDE writes 200 for a district, 0200-008 for its school);
 * grade codes as numbers that order (PK = -1, K = 0, 1-12; ungraded has none). */
const STAGING_MACROS = `create or replace temp macro is_loaded_file(id) as
  id in (select file_id from landing.meta.files where status = 'loaded');
create or replace temp macro district_number(id) as cast(try_cast(trim(id) as integer) as varchar);
create or replace temp macro grade_number(code) as
  case code when 'PK' then -1 when 'K' then 0 when 'UG' then null else try_cast(code as integer) end;`;

function settingsSql(settings: Settings): string {
  return Object.entries(settings)
    .map(([k, v]) => `set variable ${k} = ${typeof v === "string" ? sqlString(v) : v};`)
    .join("\n");
}

export async function rebuildWarehouse(options: {
  target: string;
  landing: string;
  /** DuckDB memory limit of the build (it spills to disk beyond it). */
  memoryLimit?: string;
  /** Overrides of SETTINGS (the golden tests use a small min_n). */
  settings?: Partial<Settings>;
  onModel?: (name: string, index: number, total: number) => void;
  signal?: AbortSignal;
}): Promise<BuildResult & { disclosure: DisclosureResult }> {
  if (!fs.existsSync(options.landing))
    throw new Error(`no landing store at ${options.landing}: run pathways ingest first`);
  // a landing store loaded with another id key than the one in use now would split every student
  const landing = await openDb(options.landing, { readOnly: true });
  try {
    await checkKeyForBuild(landing, options.landing, "meta");
  } finally {
    landing.close();
  }
  const settings = { ...SETTINGS, ...options.settings };
  let disclosure: DisclosureResult | undefined;
  const result = await buildWarehouse({
    target: options.target,
    sqlDir: SQL_DIR,
    attach: { landing: options.landing },
    prelude: [contractMacros(), STAGING_MACROS, statisticsMacros(), settingsSql(settings)].join("\n"),
    memoryLimit: options.memoryLimit ?? "2GB",
    onModel: (m, i, n) => options.onModel?.(m.name, i, n),
    signal: options.signal,
    finish: async (db, models) => {
      options.onModel?.("disclosure control", models.length, models.length + 1);
      disclosure = await discloseRelease(db, {
        minN: settings.min_n,
        codeBelow: settings.code_below,
        codeAbove: settings.code_above,
      });
      await writeDictionary(db, models, DISCLOSURE_DOCS);
      await checkInvariants(db, SQL_DIR);
    },
  });
  if (!disclosure) throw new Error("the build finished without its disclosure step");
  return { ...result, disclosure };
}
