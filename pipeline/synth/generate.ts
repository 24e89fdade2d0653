// `pathways generate`: the synthetic state, built step by step inside a scratch DuckDB file
// (so large scales spill to disk instead of filling memory) and written in the input formats.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { REFERENCE_DIR } from "../config.ts";
import { openDb } from "../warehouse/connection.ts";
import { createAccountability } from "./accountability.ts";
import { buildAnswerKey } from "./answer-key.ts";
import { createAssessments } from "./assessments.ts";
import {
  writeAssessments,
  writeNormalizedAccountability,
  writeNsc,
  writeOrgs,
  writePlans,
  writeStudents,
} from "./files.ts";
import { writeMdeFiles } from "./mde-workbook.ts";
import { createNscRows } from "./nsc.ts";
import { GenerateOptions, nscAsOf } from "./options.ts";
import { createOrgs } from "./orgs.ts";
import { createPlans } from "./plans.ts";
import { createPostsecondary } from "./postsecondary.ts";
import { randomMacros } from "./random.ts";
import { createStudents } from "./students.ts";
import { loadTargets } from "./targets.ts";

export interface GeneratedFile {
  path: string;
  kind: string;
  /** Data rows of a CSV file; null for spreadsheets (rows live in several sheets). */
  rows: number | null;
  bytes: number;
  sha256: string;
}

export interface GenerateResult {
  out: string;
  files: GeneratedFile[];
  seconds: number;
}

export type StepReporter = (step: string, index: number, total: number) => void;

const STEPS = [
  "districts, schools, colleges",
  "students and school years",
  "assessments",
  "ISP events",
  "postsecondary paths",
  "NSC detail rows",
  "accountability results",
  "writing files",
  "answer key",
] as const;

export async function generateState(
  options: z.input<typeof GenerateOptions>,
  report: StepReporter = () => {},
): Promise<GenerateResult> {
  const started = performance.now();
  const o = GenerateOptions.parse(options);
  const out = path.resolve(o.out);
  fs.mkdirSync(out, { recursive: true });
  const scratch = path.join(out, `.generate-${process.pid}.duckdb`);
  fs.rmSync(scratch, { force: true });
  const targets = loadTargets(o.firstClass, o.lastClass);
  const db = await openDb(scratch, { memoryLimit: o.memoryLimit, tempDirectory: `${scratch}.tmp` });
  const step = (k: number) => report(STEPS[k] as string, k, STEPS.length);
  try {
    await db.run("set preserve_insertion_order = true");
    await db.run(randomMacros(o.seed));
    step(0);
    await createOrgs(db, o.districts);
    step(1);
    await createStudents(db, o, targets);
    step(2);
    await createAssessments(db);
    step(3);
    await createPlans(db);
    step(4);
    await createPostsecondary(db, o, targets);
    step(5);
    await createNscRows(db);
    step(6);
    await createAccountability(db);

    step(7);
    const classes = (
      await db.all<{ c: number }>("select distinct grad_class::int as c from graduates order by 1")
    ).map((r) => r.c);
    const written: { file: string; kind: string }[] = [
      { file: await writeStudents(db, out, o.grades), kind: "students" },
      { file: await writePlans(db, out), kind: "plans" },
      ...(await writeAssessments(db, out)).map((file) => ({ file, kind: "assessments" })),
      ...(await writeNsc(db, out, classes)).map((file) => ({ file, kind: "nsc" })),
      ...(await writeOrgs(db, out, o.grades)).map((file) => ({ file, kind: path.basename(file, ".csv") })),
      { file: await writeNormalizedAccountability(db, out), kind: "accountability" },
    ];
    const asOf = new Date(`${nscAsOf(o)}T00:00:00Z`);
    for (const name of await writeMdeFiles(db, path.join(out, "accountability"), asOf)) {
      written.push({ file: path.join(out, "accountability", name), kind: "accountability" });
    }
    // the published attainment series and the goals are real figures, not generated
    for (const kind of ["attainment", "goals"]) {
      const file = path.join(out, `${kind}.csv`);
      fs.copyFileSync(path.join(REFERENCE_DIR, `${kind}.csv`), file);
      written.push({ file, kind });
    }

    step(8);
    const key = await buildAnswerKey(db, o, targets);
    const keyFile = path.join(out, "answer_key.json");
    fs.writeFileSync(keyFile, `${JSON.stringify(key, jsonBigInt, 2)}\n`);

    const files = await Promise.all(written.map(({ file, kind }) => describe(db, file, kind, out)));
    fs.writeFileSync(
      path.join(out, "manifest.json"),
      `${JSON.stringify({ synthetic: true, generator: { ...o, out: undefined }, files }, null, 2)}\n`,
    );
    return { out, files, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
    fs.rmSync(scratch, { force: true });
    fs.rmSync(`${scratch}.wal`, { force: true });
    fs.rmSync(`${scratch}.tmp`, { recursive: true, force: true });
  }
}

function jsonBigInt(_key: string, value: unknown) {
  return typeof value === "bigint" ? Number(value) : value;
}

async function describe(
  db: Awaited<ReturnType<typeof openDb>>,
  file: string,
  kind: string,
  out: string,
): Promise<GeneratedFile> {
  const sha256 = await new Promise<string>((resolve, reject) => {
    const hash = createHash("sha256");
    fs.createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
  let rows: number | null = null;
  if (file.endsWith(".csv")) {
    const [r] = await db.all<{ n: number }>(
      `select count(*)::int as n from read_csv('${file.replaceAll("'", "''")}', all_varchar = true, header = true)`,
    );
    rows = r?.n ?? 0;
  }
  return { path: path.relative(out, file), kind, rows, bytes: fs.statSync(file).size, sha256 };
}
