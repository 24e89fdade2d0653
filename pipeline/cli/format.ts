// Query results as an aligned text table, CSV or JSON.
export type OutputFormat = "table" | "csv" | "json";

const text = (v: unknown): string =>
  v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);

export function formatRows(columns: string[], rows: Record<string, unknown>[], format: OutputFormat): string {
  if (format === "json") return JSON.stringify(rows, null, 2);
  if (format === "csv") {
    const cell = (v: unknown) => {
      const s = text(v);
      return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    };
    return [columns.map(cell).join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join(
      "\n",
    );
  }
  const MAX = 48;
  const clip = (s: string) => (s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s);
  const cells = rows.map((r) => columns.map((c) => clip(text(r[c]))));
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
