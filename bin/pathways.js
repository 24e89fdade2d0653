#!/usr/bin/env node
// The `pathways` command. `npm install` compiles the TypeScript into build/ (the prepare script),
// and a command starts from there in a fraction of a second. The compiled program is used only
// while it is newer than every source file under pipeline/; after an edit (or before the first
// compile) the sources run through tsx's loader, a second slower but never stale.
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
if (process.env.PATHWAYS_FROM_SOURCE !== "1" && compiledIsCurrent()) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../pipeline/cli/main.ts"));
}
process.exitCode = await main(process.argv);
