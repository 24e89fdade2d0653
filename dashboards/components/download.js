// A link that downloads the rows behind a chart as CSV.
import * as d3 from "d3";

/**
 * Text a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return; OWASP's rule) gets a leading apostrophe; numbers stay numbers. The CLI's CSV does the
 * same (pipeline/cli/format.ts, csvSafe).
 */
export function csvSafe(value) {
  if (typeof value !== "string") return value;
  return /^[=+\-@\t\r]/.test(value) && !/^[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(value)
    ? `'${value}`
    : value;
}

export function downloadCsv(rows, filename) {
  const safe = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, csvSafe(v)])));
  const a = document.createElement("a");
  a.textContent = `Download the data (CSV, ${rows.length} rows)`;
  a.className = "download";
  a.href = URL.createObjectURL(new Blob([d3.csvFormat(safe)], { type: "text/csv" }));
  a.download = filename;
  return a;
}
