// Number formats and the color-blind-safe palette (Okabe-Ito) every chart uses.
export const PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#000000",
  "#F0E442",
];

export const pct = (v, digits = 1) =>
  v === null || v === undefined ? "suppressed" : `${(100 * v).toFixed(digits)}%`;
/** A published cell in words: its value, or the band it is coded to (">= 95%"), or "suppressed". */
export const cellText = (d, digits = 1) =>
  d?.value !== null && d?.value !== undefined
    ? pct(d.value, digits)
    : d?.value_band
      ? bandText(d.value_band)
      : "suppressed";
/** "<= 5%" as the dashboard prints it: "5% or less". */
export const bandText = (band) =>
  band.replace(/^<=\s*(.*)$/, "$1 or less").replace(/^>=\s*(.*)$/, "$1 or more");
/** The interval a coded band stands for, as proportions: "<= 5%" -> [0, 0.05]. */
export const bandRange = (band) => {
  const p = Number(band.replace(/[^0-9.]/g, "")) / 100;
  return band.startsWith("<=") ? [0, p] : [p, 1];
};
export const CODED_NOTE =
  "Cells at 5% or less or 95% or more are shown as that range, not as a value: a value so close to none or all would tell too much about each student in the group.";
export const points = (v) =>
  v === null || v === undefined ? "suppressed" : `${v > 0 ? "+" : ""}${v.toFixed(1)} pts`;
export const count = (v) =>
  v === null || v === undefined ? "suppressed" : Math.round(v).toLocaleString("en-US");

/**
 * Words for the codes of the published tables, from the warehouse's catalogs (data/words.json):
 * pages show these, never a code.
 */
export function wordsFrom(catalog) {
  const indicators = new Map(catalog.indicators.map((d) => [d.indicator, d]));
  const groups = new Map(catalog.groups.map((d) => [`${d.subgroup_type}|${d.subgroup}`, d]));
  const types = new Map(catalog.groups.map((d) => [d.subgroup_type, d]));
  const group = (type, subgroup) => groups.get(`${type}|${subgroup}`);
  return {
    indicator: (code) => indicators.get(code)?.label ?? "an indicator the catalog does not name",
    type: (type) => types.get(type)?.type_label ?? "other groups",
    group: (type, subgroup) => group(type, subgroup)?.label ?? "a group the catalog does not name",
    definition: (type, subgroup) => group(type, subgroup)?.definition ?? "",
    binary: (type) => types.get(type)?.is_binary ?? false,
    /** The group types in the order the catalog lists them, `all` left out. */
    types: [...types.keys()].filter((t) => t !== "all"),
    /** Rows with `group` (the label) added, in catalog order (a yes/no type: the focal group first). */
    named: (rows) =>
      rows
        .map((d) => ({ ...d, group: group(d.subgroup_type, d.subgroup)?.label ?? d.subgroup }))
        .sort(
          (a, b) =>
            (group(a.subgroup_type, a.subgroup)?.sort_order ?? 99) -
            (group(b.subgroup_type, b.subgroup)?.sort_order ?? 99),
        ),
    /** The groups of a type (codes) in catalog order. */
    order: (type) =>
      catalog.groups
        .filter((d) => d.subgroup_type === type)
        .sort((a, b) => a.sort_order - b.sort_order)
        .map((d) => d.subgroup),
    /** For views of a group against the rest: a yes/no type once, by its focal group. */
    focal: (rows) => rows.filter((d) => group(d.subgroup_type, d.subgroup)?.focal !== false),
  };
}
