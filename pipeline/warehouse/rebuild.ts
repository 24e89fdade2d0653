// Rebuild the published warehouse from the landing store: the models of sql/ with the input
// contracts available as SQL macros, published atomically.
import fs from "node:fs";
import { SQL_DIR } from "../config.ts";
import { contractMacros } from "../sources/macros.ts";
import { type BuildResult, buildWarehouse } from "./build.ts";

/** Settings the models read with getvariable(); INDICATORS.md gives the defaults. */
export const SETTINGS = {
  min_n: 10,
  high_grad_threshold: 75,
  low_ccr_threshold: 30,
  home_state: "MS",
};

/** Which landed files count: the latest version of each kind and period (meta.files.status). */
const LOADED_FILE_MACRO = `create or replace temp macro is_loaded_file(id) as
  id in (select file_id from landing.meta.files where status = 'loaded');`;

function settingsSql(): string {
  return Object.entries(SETTINGS)
    .map(([k, v]) => `set variable ${k} = ${typeof v === "string" ? `'${v}'` : v};`)
    .join("\n");
}

export async function rebuildWarehouse(options: {
  target: string;
  landing: string;
  onModel?: (name: string, index: number, total: number) => void;
}): Promise<BuildResult> {
  if (!fs.existsSync(options.landing))
    throw new Error(`no landing store at ${options.landing}: run pathways ingest first`);
  return buildWarehouse({
    target: options.target,
    sqlDir: SQL_DIR,
    attach: { landing: options.landing },
    prelude: `${contractMacros()}\n${LOADED_FILE_MACRO}\n${settingsSql()}`,
    memoryLimit: "2GB",
    onModel: (m, i, n) => options.onModel?.(m.name, i, n),
  });
}
