// `pathways generate`
import type { Command } from "commander";
import { SCALES } from "../config.ts";
import { generateState } from "../synth/generate.ts";
import { GenerateOptions, parseClasses } from "../synth/options.ts";
import { stepProgress } from "./progress.ts";
import { UsageError } from "./usage-error.ts";

export interface GenerateFlags {
  students: string;
  seed: string;
  classes: string;
  out: string;
  memoryLimit: string;
  grades: string;
  districts?: string;
}

export function registerGenerate(program: Command): void {
  program
    .command("generate")
    .description("write a synthetic state in the real input formats (deterministic for a seed)")
    .option(
      "--students <n>",
      `number of students, or a scale name (${Object.keys(SCALES).join(", ")})`,
      "state",
    )
    .option("--seed <s>", "random seed", "1")
    .option("--classes <from-to>", "graduating classes", "2016-2025")
    .option("--out <dir>", "output folder", "data/incoming")
    .option("--memory-limit <size>", "DuckDB memory limit while generating", "2GB")
    .option(
      "--grades <range>",
      "grades of the students extract: 7-12, or K-12 as state extracts come",
      "7-12",
    )
    .option("--districts <n>", "districts (8-148; fewer make a smaller state of the same make-up)", "148")
    .action(async (flags: GenerateFlags) => {
      await runGenerate(flags);
    });
}

export async function runGenerate(flags: GenerateFlags) {
  let firstClass: number;
  let lastClass: number;
  try {
    [firstClass, lastClass] = parseClasses(flags.classes);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (flags.grades !== "7-12" && flags.grades !== "K-12")
    throw new UsageError(`--grades must be 7-12 or K-12, got "${flags.grades}"`);
  const students =
    flags.students in SCALES ? SCALES[flags.students as keyof typeof SCALES] : Number(flags.students);
  const options = GenerateOptions.parse({
    students,
    seed: Number(flags.seed),
    firstClass,
    lastClass,
    out: flags.out,
    memoryLimit: flags.memoryLimit,
    grades: flags.grades,
    districts: Number(flags.districts ?? 148),
  });
  const progress = stepProgress("generate");
  const result = await generateState(options, progress.step);
  progress.done();
  console.log(
    `Generated a synthetic state: ${options.students.toLocaleString("en-US")} students, classes ${firstClass}-${lastClass}, ` +
      `seed ${options.seed}, in ${result.seconds.toFixed(1)} s.`,
  );
  console.log(`Folder: ${result.out}`);
  for (const f of result.files) {
    const rows = f.rows === null ? "" : `${f.rows.toLocaleString("en-US")} rows`;
    console.log(
      `  ${f.kind.padEnd(15)} ${f.path.padEnd(52)} ${rows.padStart(16)} ${(f.bytes / 1e6).toFixed(1).padStart(8)} MB`,
    );
  }
  console.log("  answer key: answer_key.json; file list with sha256: manifest.json");
  console.log(
    "  normalized/accountability.csv repeats the XLSX figures in the normalized layout: load one or the other.",
  );
  return result;
}
