// The declared order of the SQL models. `sql/models.txt` lists one model path per line
// (relative to sql/); a model that is on disk but not declared, or declared but missing,
// is an error, so a new file can never be silently skipped.
import fs from "node:fs";
import path from "node:path";

export interface Model {
  /** Path relative to the sql folder, e.g. "core/dim_student.sql". */
  name: string;
  sql: string;
}

export const MANIFEST = "models.txt";

/** Folders under sql/ that hold SQL which is not a model: researchers' examples, build invariants. */
const NOT_MODELS = new Set(["examples", "tests"]);

export function loadModels(sqlDir: string): Model[] {
  const manifestPath = path.join(sqlDir, MANIFEST);
  if (!fs.existsSync(manifestPath)) throw new Error(`${manifestPath}: the model manifest is missing`);
  const declared = fs
    .readFileSync(manifestPath, "utf8")
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, "").trim())
    .filter(Boolean);

  const seen = new Set<string>();
  for (const name of declared) {
    if (seen.has(name)) throw new Error(`${manifestPath}: ${name} is declared twice`);
    seen.add(name);
  }
  const onDisk = listSqlFiles(sqlDir);
  const undeclared = onDisk.filter((name) => !seen.has(name));
  if (undeclared.length > 0) {
    throw new Error(`${manifestPath}: models on disk but not declared: ${undeclared.join(", ")}`);
  }
  return declared.map((name) => {
    const file = path.join(sqlDir, name);
    if (!fs.existsSync(file)) throw new Error(`${manifestPath}: declared model ${name} does not exist`);
    return { name, sql: fs.readFileSync(file, "utf8") };
  });
}

function listSqlFiles(sqlDir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(sqlDir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!(prefix === "" && NOT_MODELS.has(entry.name))) out.push(...listSqlFiles(sqlDir, rel));
    } else if (entry.name.endsWith(".sql")) {
      out.push(rel);
    }
  }
  return out.sort();
}

export interface SqlFile {
  /** File name without .sql. */
  name: string;
  sql: string;
  /** The leading comment block, one entry per line, without the `--`. */
  header: string[];
}

/** The .sql files of one folder (not recursive), in name order, with their header comments. */
export function readSqlFolder(dir: string): SqlFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(dir, f), "utf8");
      const header: string[] = [];
      for (const line of sql.split(/\r?\n/)) {
        if (!line.startsWith("--")) break;
        header.push(line.replace(/^--\s?/, ""));
      }
      return { name: f.replace(/\.sql$/, ""), sql, header };
    });
}
