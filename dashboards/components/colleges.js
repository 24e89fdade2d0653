// The college list of a class (marts.college_destinations), as the After high school page and the
// district pages show it: the words for each row and the table rows.
import { bandText, pct } from "./format.js";

const LEVELS = { 4: "4-year", 2: "2-year", L: "less than 2-year" };

/** The classes of the list, newest first, and the default: the latest whose second year is observed. */
export function collegeClasses(rows) {
  const classes = [...new Set(rows.map((d) => d.cohort))].sort((a, b) => b - a);
  const observed = classes.find((c) => rows.some((d) => d.cohort === c && d.unit === "proportion"));
  return { classes, initial: observed ?? classes[0] };
}

/** The second-year share of a row in words (short: the share alone, for chart labels). */
export function secondYearText(d, short = false) {
  if (d.unit !== "proportion") return short ? "" : "second year not yet observed";
  if (d.value !== null) return `${pct(d.value, 0)}${short ? "" : " enrolled in the second year"}`;
  if (d.value_band) return `${bandText(d.value_band)}${short ? "" : " in the second year"}`;
  return "suppressed";
}

/**
 * The table rows of one class's list: entrants add up to the class's fall enrollees, so a share
 * of them is shown only when every row's entrants are.
 */
export function collegeTableRows(classRows) {
  const total = classRows.every((d) => d.entrants !== null)
    ? classRows.reduce((sum, d) => sum + d.entrants, 0)
    : null;
  return classRows
    .filter((d) => d.entrants !== null)
    .map((d) => ({
      college: d.college_name,
      kind:
        d.college_code === "other"
          ? ""
          : `${LEVELS[d.college_level] ?? ""}, ${d.public ? "public" : "private"}`,
      state: d.college_state ?? "",
      entrants: d.entrants,
      share: total ? pct(d.entrants / total) : "",
      second_year: secondYearText(d, true) || "not yet",
    }));
}

export const COLLEGE_HEADER = {
  college: "College",
  kind: "Kind",
  state: "State",
  entrants: "Entrants",
  share: "Share of fall enrollees",
  second_year: "Second year",
};
