#!/usr/bin/env node
// The `pathways` command. The program is TypeScript run through tsx's loader,
// so there is no separate compile step between a clone and a working CLI.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../pipeline/cli/main.ts");
process.exitCode = await main(process.argv);
