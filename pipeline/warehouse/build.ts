// `pathways build`: build the published warehouse from the landing store. The macros of
// sql/macros/ and the settings are defined first, then every model of sql/ runs in the order its
// reads give (models.ts), then the disclosure step, the data dictionary and the invariants of
// sql/tests/; the file is published atomically only when all of them succeeded.
import fs from "node:fs";
import path from "node:path";
import { SQL_DIR } from "../config.ts";
import { checkKeyForBuild } from "../ingest/id-key.ts";
import { ensureLandingSchema, landingTables } from "../ingest/store.ts";
import { DISCLOSURE_DOCS, type DisclosureResult, discloseRelease } from "../publish/disclose.ts";
import { carryHistory } from "../publish/history.ts";
import { writeAtomically } from "./atomic.ts";
import { type Db, openDb, sqlString } from "./connection.ts";
import { writeDictionary } from "./dictionary.ts";
import { COMPUTED_MODELS } from "./estimate/model.ts";
import { checkInvariants } from "./invariants.ts";
import { readMacros, staleMacros } from "./macros.ts";
import { loadModels, type Model } from "./models.ts";

/**
 * Settings the models read with getvariable(); INDICATORS.md gives the defaults. meta.build_info
 * publishes them, and the dashboard reads them from there.
 */
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
};
export type Settings = typeof SETTINGS;

function settingsSql(settings: Settings): string {
  return Object.entries(settings)
    .map(([k, v]) => `set variable ${k} = ${typeof v === "string" ? sqlString(v) : v};`)
    .join("\n");
}

export class ModelError extends Error {
  constructor(
    readonly model: string,
    cause: unknown,
  ) {
    super(`model ${model} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export interface ModelsOptions {
  /** The file to publish. */
  target: string;
  /** The folder holding the models, macros/ and tests/. */
  sqlDir: string;
  /** Models computed in TypeScript, run in lineage order among the SQL ones. */
  computed?: Model[];
  /** Databases attached read-only under an alias before the models run (e.g. the landing store). */
  attach?: Record<string, string>;
  /** Tables that exist before any model runs (the attached landing store's). */
  sources?: readonly string[];
  /** SQL run after the macros, before the models, in the same session (the settings). */
  prelude?: string;
  memoryLimit?: string;
  /** Run after the models, before publishing, in the same session (disclosure, dictionary, invariants). */
  finish?: (db: Db, models: Model[]) => Promise<void>;
  onModel?: (model: Model, index: number, total: number) => void;
  /** Abandon the build: interrupt the running model, remove the new file, keep the old one. */
  signal?: AbortSignal;
}

export interface BuildResult {
  target: string;
  models: { name: string; ms: number }[];
}

/** Run the models of `sqlDir` into a new file and publish it atomically. */
export async function buildModels(options: ModelsOptions): Promise<BuildResult> {
  const models = loadModels(options.sqlDir, options.sources, options.computed);
  const timings: BuildResult["models"] = [];
  const { signal } = options;
  await writeAtomically(options.target, { memoryLimit: options.memoryLimit, signal }, async (db) => {
    for (const [alias, file] of Object.entries(options.attach ?? {})) {
      await db.run(`attach ${sqlString(path.resolve(file))} as ${alias} (read_only)`);
    }
    for (const macros of readMacros(options.sqlDir)) await db.run(macros.sql);
    if (options.prelude) await db.run(options.prelude);
    const schemas = [...new Set(models.map((m) => m.table.split(".")[0]))];
    for (const schema of schemas) await db.run(`create schema if not exists ${schema}`);
    for (const [index, model] of models.entries()) {
      signal?.throwIfAborted();
      options.onModel?.(model, index, models.length);
      const started = performance.now();
      try {
        await (model.run ? model.run(db) : db.run(model.sql));
      } catch (error) {
        signal?.throwIfAborted();
        throw new ModelError(model.name, error);
      }
      timings.push({ name: model.name, ms: performance.now() - started });
    }
    await options.finish?.(db, models);
    for (const alias of Object.keys(options.attach ?? {})) await db.run(`detach ${alias}`);
  });
  return { target: path.resolve(options.target), models: timings };
}

/** The models of the repository's sql/ folder in build order, with what each reads. */
export function repositoryModels(sqlDir = SQL_DIR): Model[] {
  return loadModels(sqlDir, landingTables(), COMPUTED_MODELS);
}

export async function buildWarehouse(options: {
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
  const stale = staleMacros(SQL_DIR);
  if (stale.length > 0)
    throw new Error(
      `sql/macros/${stale.join(", sql/macros/")} no longer match(es) the code that generates them: run pathways macros`,
    );
  const landing = await openDb(options.landing);
  try {
    // a store landed by an earlier version lacks the tables of newer input kinds (raw.goals):
    // they are created empty, so the models read them as "nothing loaded"
    await ensureLandingSchema(landing);
    // a landing store loaded with another id key than the one in use now would split every student
    await checkKeyForBuild(landing, options.landing, "meta");
  } finally {
    landing.close();
  }
  const settings = { ...SETTINGS, ...options.settings };
  let disclosure: DisclosureResult | undefined;
  const result = await buildModels({
    target: options.target,
    sqlDir: SQL_DIR,
    attach: { landing: options.landing },
    sources: landingTables(),
    computed: COMPUTED_MODELS,
    prelude: settingsSql(settings),
    memoryLimit: options.memoryLimit ?? "2GB",
    onModel: (m, i, n) => options.onModel?.(m.name, i, n),
    signal: options.signal,
    finish: async (db, models) => {
      options.onModel?.("disclosure control", models.length, models.length + 1);
      // the releases before this one, which the attacker holds too (history.ts)
      if (fs.existsSync(options.target)) await carryHistory(db, options.target);
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
