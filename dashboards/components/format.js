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

export const LABELS = {
  ps_enrolled_fall: "Enrolled in the fall (NSC, Aug 15-Oct 31)",
  ps_enrolled_oct1: "Enrolled on Oct 1 (SDP)",
  ps_enrolled_first_year: "Enrolled in the first year",
  ps_enrolled_fall_4yr: "Fall: 4-year college",
  ps_enrolled_fall_2yr: "Fall: 2-year or less",
  ps_enrolled_fall_in_state: "Fall: in state",
  ps_enrolled_fall_out_of_state: "Fall: out of state",
  ps_enrolled_fall_public: "Fall: public college",
  ps_persisted: "Persisted to a second year",
  ps_completed_6yr: "Degree within six years",
  ccr_met_rate: "Met the CCR benchmark",
  cohort_grad_4yr: "Four-year graduation (records)",
  grad_rate: "Graduation rate (published)",
  ccr_rate: "CCR rate (published)",
  isp_by_grade7: "ISP created by end of grade 7",
  isp_revisited_every_year: "ISP revisited every year (grades 8-12)",
  isp_parent_input: "Parent took part (grades 9-12)",
  isp_transfer_continuity: "Plan followed the student to a new district",
  isp_revisions_per_year: "Revisions per student-year (grades 8-12)",
};
export const label = (indicator) => LABELS[indicator] ?? indicator;

export const SUBGROUP_TYPES = {
  race_ethnicity: "Race/ethnicity",
  sex: "Sex",
  econ_disadvantaged: "Economically disadvantaged",
  english_learner: "English learner",
  iep: "Students with an IEP",
  prior_achievement: "Grade-8 achievement quartile",
  locale: "District locale",
  career_coach: "School had a career coach",
  isp_revision_band: "ISP revisions (grades 8-12)",
};
