#!/usr/bin/env node
// The `pathways` command. `npm install` compiles the TypeScript into build/ (the prepare script),
// and a command starts from there in a fraction of a second. The compiled program is used only
// while it is newer than every source file under pipeline/; after an edit (or before the first
// compile) the sources run through tsx's loader, a second slower but never stale.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const compiled = path.join(root, "build", "main.js");

function compiledIsCurrent() {
  let built;
  try {
    built = fs.statSync(compiled).mtimeMs;
  } catch {
    return false;
  }
  const sources = path.join(root, "pipeline");
  for (const name of fs.readdirSync(sources, { recursive: true })) {
    if (/\.(ts|mjs)$/.test(name) && fs.statSync(path.join(sources, name)).mtimeMs > built) return false;
  }
  return true;
}

let main;
let sandbox;
if (process.env.PATHWAYS_FROM_SOURCE !== "1" && compiledIsCurrent()) {
  // a query runs in a sandbox process of its own (pipeline/warehouse/query.ts): start it now, so
  // that it loads DuckDB while this process loads the CLI; the query takes it, or it is ended below
  if (process.argv[2] === "query") {
    sandbox = spawn(
      process.execPath,
      ["--max-old-space-size=1024", path.join(root, "build", "query-process.js")],
      {
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    globalThis[Symbol.for("pathways.sandbox")] = sandbox;
  }
  ({ main } = await import(compiled));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../pipeline/cli/main.ts"));
}
process.exitCode = await main(process.argv);
if (globalThis[Symbol.for("pathways.sandbox")]) sandbox.kill();
