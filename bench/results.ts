// Benchmark output: rows as Markdown tables, and bench/results/<name>.{json,md}.
import fs from "node:fs";

export function markdownTable(rows: Record<string, unknown>[]): string {
  const header = Object.keys(rows[0] ?? {});
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${header.map((h) => r[h] ?? "").join(" | ")} |`),
  ].join("\n");
}

export function writeResults(name: string, json: unknown, markdown: string): void {
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(`bench/results/${name}.json`, `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(`bench/results/${name}.md`, `${markdown}\n`);
}
