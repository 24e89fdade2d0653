// `tsx pipeline/dashboard/run-loaders.ts <cache folder>`: run every data loader of dashboards/data
// in this one process, over one read-only connection to PATHWAYS_WAREHOUSE, and write each output
// where Framework caches it (<cache folder>/<name>, e.g. goal.json). Framework then finds every
// loader's output in its cache and runs none of them: twelve loaders run one by one cost a tsx
// start and a DuckDB load each (about 0.8 s), more than their queries. The loaders stay the only
// definition of the data: `observable preview` still runs each one on its own.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import JSZip from "jszip";
import { holdConnection, redirectOutput } from "../../dashboards/data/warehouse.ts";
import { REPO_ROOT } from "../config.ts";

const LOADERS = path.join(REPO_ROOT, "dashboards", "data");

/** Loader files are named for what they write plus the interpreter's extension: goal.json.ts. */
function loaderOutputs(): { loader: string; output: string }[] {
  return fs
    .readdirSync(LOADERS)
    .filter((f) => /^[^.]+\.[a-z]+\.ts$/.test(f))
    .sort()
    .map((f) => ({ loader: path.join(LOADERS, f), output: f.slice(0, -".ts".length) }));
}

/** Written whole, then renamed: Framework never reads half a file. */
function writeWhole(target: string, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(`${target}.${process.pid}`, bytes);
  fs.renameSync(`${target}.${process.pid}`, target);
}

/**
 * An archive's members where Framework caches what it extracts (data/district.zip's 9001.json at
 * data/district/9001.json): otherwise it reads the whole archive again for every district page.
 */
async function extractMembers(archive: string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(archive));
  const folder = archive.slice(0, -".zip".length);
  for (const member of Object.values(zip.files)) {
    if (member.dir) continue;
    writeWhole(path.join(folder, member.name), await member.async("nodebuffer"));
  }
}

async function main(cache: string): Promise<void> {
  fs.mkdirSync(cache, { recursive: true });
  const connection = holdConnection();
  try {
    for (const { loader, output } of loaderOutputs()) {
      const started = performance.now();
      const chunks: Buffer[] = [];
      redirectOutput((bytes) => chunks.push(Buffer.from(bytes)));
      await import(pathToFileURL(loader).href);
      const target = path.join(cache, output);
      writeWhole(target, Buffer.concat(chunks));
      if (output.endsWith(".zip")) await extractMembers(target);
      process.stderr.write(`loader ${output}: ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
    }
  } finally {
    await connection.release();
  }
}

const [cache] = process.argv.slice(2);
if (!cache) {
  process.stderr.write("usage: tsx pipeline/dashboard/run-loaders.ts <cache folder>\n");
  process.exit(2);
}
await main(cache);
