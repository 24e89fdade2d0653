// Query results as an aligned text table, CSV or JSON.
import { printable } from "../ingest/privacy.ts";

export type OutputFormat = "table" | "csv" | "json";

/**
 * A CSV cell a spreadsheet will not run as a formula (OWASP's rule): text starting with =, +, -,
 * @, a tab or a carriage return gets a leading apostrophe; numbers stay numbers. The dashboard's
 * downloads do the same (dashboards/components/download.js).
 */
export function csvSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(s) ? `'${s}` : s;
}

const text = (v: unknown): string =>
  v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);

export function formatRows(columns: string[], rows: Record<string, unknown>[], format: OutputFormat): string {
  if (format === "json") return JSON.stringify(rows, null, 2);
  if (format === "csv") {
    const cell = (v: unknown) => {
      const s = csvSafe(text(v));
      return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    };
    return [columns.map(cell).join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join(
      "\n",
    );
  }
  const MAX = 48;
  const clip = (s: string) => (s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s);
  const cells = rows.map((r) => columns.map((c) => clip(printable(text(r[c])))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? "").length)));
  const numeric = columns.map(
    (c) => rows.length > 0 && rows.every((r) => r[c] === null || !Number.isNaN(Number(r[c]))),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}
