// Write a benchmark's rows as bench/results/<name>.json and a Markdown table beside it.
import fs from "node:fs";

export function writeResults(name: string, heading: string, rows: Record<string, unknown>[]): string {
  const header = Object.keys(rows[0] ?? {});
  const md = [
    heading,
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${Object.values(r).join(" | ")} |`),
  ].join("\n");
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(`bench/results/${name}.json`, `${JSON.stringify(rows, null, 2)}\n`);
  fs.writeFileSync(`bench/results/${name}.md`, `${md}\n`);
  return md;
}
