// A link that downloads the rows behind a chart as CSV.
import * as d3 from "d3";

export function downloadCsv(rows, filename) {
  const a = document.createElement("a");
  a.textContent = `Download the data (CSV, ${rows.length} rows)`;
  a.className = "download";
  a.href = URL.createObjectURL(new Blob([d3.csvFormat(rows)], { type: "text/csv" }));
  a.download = filename;
  return a;
}
