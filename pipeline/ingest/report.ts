// The load report a data steward reads: per file, what was loaded, rejected and why.
import path from "node:path";
import type { IngestResult } from "./ingest.ts";
import { printable } from "./privacy.ts";

const n = (x: number) => x.toLocaleString("en-US");

export function formatReport(result: IngestResult, cwd = process.cwd()): string {
  const lines: string[] = [];
  // file names and values come from the files: escaped, so none can drive the terminal
  const rel = (f: string) => printable(path.relative(cwd, f) || f);
  const list = (xs: string[]) => xs.map(printable).join(", ");
  for (const r of result.files) {
    const head = `${r.status.toUpperCase().padEnd(9)} ${rel(r.file)}`;
    lines.push(head);
    if (r.kind) lines.push(`          kind ${r.kind}${r.period ? `, period ${r.period}` : ""}`);
    if (r.status === "failed") {
      lines.push(`          ERROR: ${printable(r.error ?? "")}`);
      lines.push("          nothing from this file was written");
    }
    if (r.status === "loaded" || r.status === "validated") {
      lines.push(
        `          rows read ${n(r.rowsRead)} = loaded ${n(r.rowsLoaded)}${r.rowsDuplicate ? ` + exact duplicates ${n(r.rowsDuplicate)}` : ""} + rejected ${n(r.rowsRejected)}`,
      );
      if (r.rowsDuplicate)
        lines.push(
          `          ${n(r.rowsDuplicate)} row(s) repeat an earlier row in every field: loaded once (meta.duplicates names each and the row it repeats)`,
        );
    }
    if (r.mapping) lines.push(`          mapping applied: ${r.mapping}`);
    for (const note of r.notes) lines.push(`          note: ${printable(note)}`);
    if (r.dropped.length)
      lines.push(`          direct identifiers dropped (never loaded): ${list(r.dropped)}`);
    if (r.extras.length) lines.push(`          extra columns kept in raw.extras: ${list(r.extras)}`);
    for (const s of r.suggestions ?? [])
      lines.push(
        `          column ${printable(s.header)} matches no ${r.kind} field; closest: ${s.fields.join(", ")} (if it is one: --map "${printable(s.header)}=${s.fields[0]}")`,
      );
    if (r.supersedes?.length)
      lines.push(`          replaces earlier version(s) of the same period: file ${r.supersedes.join(", ")}`);
    for (const j of r.rejects.slice(0, 12)) {
      const value = j.firstValue === null ? "" : `, value "${printable(j.firstValue)}"`;
      lines.push(
        `          rejected ${n(j.count)} x ${j.column}: ${j.rule} (first at row ${j.firstRow}${value})`,
      );
      // the distinct bad values, most frequent first: what a value mapping has to cover
      if (j.values.length > 1 || (j.values.length === 1 && j.distinctValues > 1)) {
        const more =
          j.distinctValues > j.values.length ? `, and ${n(j.distinctValues - j.values.length)} more` : "";
        lines.push(
          `            values rejected: ${j.values.map((v) => `"${printable(v.value)}" ${n(v.count)}`).join(", ")}${more}`,
        );
      }
      if (j.accepts) lines.push(`            accepted: ${j.rule.replace(/; required$/, "")}; ${j.accepts}`);
    }
    if (r.rejects.length > 12) lines.push(`          ... ${r.rejects.length - 12} more rules broken`);
  }
  for (const f of result.notReached ?? [])
    lines.push(`NOT READ  ${rel(f)} (the run was stopped before this file; the next run loads it)`);
  for (const f of result.ignored)
    lines.push(`IGNORED   ${rel(f)} (not a data file: csv, txt, tsv, xlsx, jsonl or parquet)`);
  const total = (k: "rowsRead" | "rowsLoaded" | "rowsRejected" | "rowsDuplicate") =>
    result.files.reduce((a, r) => a + r[k], 0);
  const count = (s: string) => result.files.filter((r) => r.status === s).length;
  lines.push("");
  lines.push(
    `${result.files.length} files: ${count("loaded") + count("validated")} ${result.landing ? "loaded" : "validated"}, ` +
      `${count("skipped")} already loaded, ${count("failed")} failed. Rows read ${n(total("rowsRead"))} = ` +
      `loaded ${n(total("rowsLoaded"))}${total("rowsDuplicate") ? ` + exact duplicates ${n(total("rowsDuplicate"))}` : ""} + rejected ${n(total("rowsRejected"))}.`,
  );
  if (result.landing) {
    lines.push(
      `Landing store: ${rel(result.landing)} (every rejected row is in meta.rejects with file, row, column, value and rule).`,
    );
  } else {
    lines.push("Validation only: nothing was written.");
  }
  return lines.join("\n");
}
