// `npx tsx bench/sql-profile.ts <file>`: the statements of a run with PATHWAYS_SQL_PROFILE=<file>
// (pipeline/warehouse/connection.ts), summed by their first line with numbers written as N (a
// statement over a temp table named per file is one statement): total seconds, calls, share.
import fs from "node:fs";

const file = process.argv[2];
if (!file) throw new Error("usage: npx tsx bench/sql-profile.ts <profile file>");
const totals = new Map<string, { ms: number; calls: number }>();
for (const line of fs.readFileSync(file, "utf8").split("\n")) {
  if (!line) continue;
  const { ms, sql: first } = JSON.parse(line) as { ms: number; sql: string };
  const sql = first.replace(/\d+/g, "N");
  const t = totals.get(sql) ?? { ms: 0, calls: 0 };
  t.ms += ms;
  t.calls++;
  totals.set(sql, t);
}
const all = [...totals.values()].reduce((s, t) => s + t.ms, 0);
console.log(`${(all / 1000).toFixed(1)} s in ${totals.size} distinct statements`);
console.log("| seconds | calls | share | statement (first line) |\n| ---: | ---: | ---: | --- |");
for (const [sql, t] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(process.argv[3] ?? 25)))
  console.log(
    `| ${(t.ms / 1000).toFixed(2)} | ${t.calls} | ${((100 * t.ms) / all).toFixed(1)}% | \`${sql.replaceAll("|", "\\|")}\` |`,
  );
