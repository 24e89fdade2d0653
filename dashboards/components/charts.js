// The dashboard's charts: one function each, called with the data and the width.
import * as Plot from "@observablehq/plot";
import { bandRange, bandText, PALETTE } from "./format.js";

/**
 * Plot.plot, with each mark's group given role="group" so that its aria-label (which Plot writes)
 * is allowed: screen readers then name the marks, and axe finds no prohibited attribute.
 */
function plot(options) {
  const chart = Plot.plot(options);
  for (const g of chart.querySelectorAll("g[aria-label]")) g.setAttribute("role", "group");
  return chart;
}

const d3max = (values) => values.reduce((a, b) => Math.max(a, b), 0);
const percentAxis = (label) => ({ label, tickFormat: "%", grid: true });

/**
 * resize() can report a very small width while a grid is still laying out; below the left margin
 * of a chart Plot would draw negative widths. Charts never get narrower than this.
 */
const MIN_WIDTH = 320;
const atLeast = (width) => Math.max(width, MIN_WIDTH);

/** Attainment against the goals, with the least-squares projection. */
export function attainmentChart(attainment, { width }) {
  const series = attainment.filter((d) => d.indicator === "attainment_pct");
  const degree = attainment.filter((d) => d.indicator === "attainment_degree_pct");
  const projection = attainment.filter((d) => d.indicator === "attainment_projection");
  const goals = attainment.filter((d) => d.indicator === "attainment_goal");
  return plot({
    width: atLeast(width),
    height: 360,
    marginRight: 60,
    ariaLabel: "Attainment of adults 25-64 by year, with the goals and the projected trend",
    x: { label: "Year", tickFormat: "d", domain: [2004, 2041] },
    y: { ...percentAxis("Adults 25-64 with a degree or credential"), domain: [0.2, 0.65] },
    marks: [
      Plot.line(projection, {
        x: "year",
        y: "value",
        stroke: PALETTE[0],
        strokeDasharray: "4,4",
        tip: true,
        title: (d) => `Trend ${d.year}: ${(100 * d.value).toFixed(1)}%`,
      }),
      Plot.line(series, { x: "year", y: "value", stroke: PALETTE[0], strokeWidth: 2.5 }),
      Plot.dot(series, {
        x: "year",
        y: "value",
        fill: PALETTE[0],
        r: 5,
        tip: true,
        title: (d) => `${d.year}: ${(100 * d.value).toFixed(1)}% (degree or credential)`,
      }),
      Plot.line(degree, { x: "year", y: "value", stroke: PALETTE[1], strokeWidth: 2 }),
      Plot.dot(degree, {
        x: "year",
        y: "value",
        fill: PALETTE[1],
        r: 4,
        tip: true,
        title: (d) => `${d.year}: ${(100 * d.value).toFixed(1)}% (associate degree or higher)`,
      }),
      Plot.dot(goals, { x: "year", y: "value", symbol: "star", r: 9, fill: PALETTE[5] }),
      Plot.text(goals, {
        x: "year",
        y: "value",
        text: (d) => `${Math.round(100 * d.value)}% by ${d.year}`,
        dx: 8,
        textAnchor: "start",
        fill: PALETTE[5],
      }),
      Plot.text(series.slice(-1), {
        x: "year",
        y: "value",
        text: () => "credential",
        dy: -12,
        fill: PALETTE[0],
      }),
      Plot.text(degree.slice(-1), {
        x: "year",
        y: "value",
        text: () => "degree only",
        dy: 14,
        fill: PALETTE[1],
      }),
    ],
  });
}

/** Counts of one class at each step of the pipeline, as horizontal bars. */
export function funnelChart(steps, { width }) {
  const narrow = width < 640;
  return plot({
    width: atLeast(width),
    height: 40 + 44 * steps.length,
    marginLeft: narrow ? 120 : 190,
    marginRight: narrow ? 90 : 190,
    ariaLabel: "Pipeline from ninth graders to students persisting in college",
    x: { label: "Students", grid: true },
    y: { label: null, domain: steps.map((d) => d.step) },
    marks: [
      Plot.barX(steps, { x: "count", y: "step", fill: PALETTE[0], tip: true }),
      Plot.text(steps, {
        x: "count",
        y: "step",
        // each step as a count and a share of the step before (in short on a phone)
        text: (d, i) =>
          i === 0 || !steps[i - 1]?.count
            ? d.count.toLocaleString("en-US")
            : `${d.count.toLocaleString("en-US")} (${((100 * d.count) / steps[i - 1].count).toFixed(1)}%${narrow ? "" : " of the step before"})`,
        dx: 4,
        textAnchor: "start",
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** One line per indicator across cohorts, with its 95% interval as a band; `label` names an indicator. */
export function trendChart(
  rows,
  { width, label, yLabel = "Share of graduates", xLabel = "Graduating class", height = 320 },
) {
  const shown = rows.filter((d) => d.value !== null);
  return plot({
    width: atLeast(width),
    height,
    ariaLabel: `${yLabel} by ${xLabel.toLowerCase()}`,
    // a tick per class (no fractional years), and shares from zero so lines keep their proportions
    x: { label: xLabel, tickFormat: "d", ticks: [...new Set(shown.map((d) => d.cohort))] },
    y: { ...percentAxis(yLabel), zero: true },
    color: { legend: true, range: PALETTE, tickFormat: label },
    marks: [
      Plot.areaY(shown, { x: "cohort", y1: "ci_low", y2: "ci_high", fill: "indicator", fillOpacity: 0.15 }),
      Plot.line(shown, { x: "cohort", y: "value", stroke: "indicator", strokeWidth: 2 }),
      Plot.dot(shown, {
        x: "cohort",
        y: "value",
        fill: "indicator",
        r: 3,
        tip: true,
        title: (d) =>
          `${label(d.indicator)}, ${d.cohort}: ${(100 * d.value).toFixed(1)}% (95% CI ${(100 * d.ci_low).toFixed(1)}-${(100 * d.ci_high).toFixed(1)})`,
      }),
    ],
  });
}

/**
 * One dot per subgroup with its 95% interval; a top- or bottom-coded subgroup as a pale bar over
 * its range (5% or less, 95% or more); suppressed subgroups are listed, not drawn.
 */
export function subgroupChart(rows, { width, xLabel = "Share of graduates", reference }) {
  const shown = rows.filter((d) => d.value !== null);
  const coded = rows
    .filter((d) => d.value === null && d.value_band)
    .map((d) => ({ ...d, low: bandRange(d.value_band)[0], high: bandRange(d.value_band)[1] }));
  return plot({
    width: atLeast(width),
    height: 50 + 30 * (shown.length + coded.length),
    // room for the longest group name
    marginLeft: Math.min(280, 20 + 6.5 * Math.max(0, ...rows.map((d) => String(d.group).length))),
    ariaLabel: `${xLabel} by subgroup with 95% intervals`,
    x: { ...percentAxis(xLabel), domain: [0, 1] },
    y: { label: null, domain: [...shown, ...coded].map((d) => d.group) },
    marks: [
      Plot.barX(coded, {
        y: "group",
        x1: "low",
        x2: "high",
        fill: PALETTE[1],
        fillOpacity: 0.35,
        tip: true,
        title: (d) =>
          `${d.group}: ${bandText(d.value_band)} of ${d.denominator?.toLocaleString("en-US")} (shown as a range)`,
      }),
      // the label beside the bar: after a bottom band, before a top band
      Plot.text(
        coded.filter((d) => d.low === 0),
        { y: "group", x: "high", text: (d) => bandText(d.value_band), textAnchor: "start", dx: 4 },
      ),
      Plot.text(
        coded.filter((d) => d.low > 0),
        { y: "group", x: "low", text: (d) => bandText(d.value_band), textAnchor: "end", dx: -4 },
      ),
      reference === undefined ? null : Plot.ruleX([reference], { stroke: "#888", strokeDasharray: "3,3" }),
      Plot.ruleY(shown, {
        y: "group",
        x1: "ci_low",
        x2: "ci_high",
        stroke: PALETTE[0],
        strokeWidth: 3,
        strokeOpacity: 0.5,
      }),
      Plot.dot(shown, {
        y: "group",
        x: "value",
        fill: PALETTE[0],
        r: 5,
        tip: true,
        title: (d) =>
          `${d.group}: ${(100 * d.value).toFixed(1)}% of ${d.denominator?.toLocaleString("en-US")} (95% CI ${(100 * d.ci_low).toFixed(1)}-${(100 * d.ci_high).toFixed(1)})`,
      }),
    ],
  });
}

/** Graduation against CCR per district, the high-graduation / low-CCR corner shaded. */
/** `settings`: meta.build_info's high_grad_threshold and low_ccr_threshold (percent), as data/settings.json gives them. */
export function gradCcrScatter(districts, { width, settings, highlight }) {
  const gradThreshold = settings.high_grad_threshold / 100;
  const ccrThreshold = settings.low_ccr_threshold / 100;
  const shown = districts.filter((d) => d.grad_rate !== null && d.ccr_rate !== null);
  return plot({
    width: atLeast(width),
    height: Math.min(520, Math.max(320, width * 0.6)),
    ariaLabel: "Districts' CCR rate against their graduation rate",
    x: { ...percentAxis("Graduation rate (published)"), domain: [0.5, 1] },
    y: { ...percentAxis("CCR rate (published)"), domain: [0, 1] },
    color: {
      legend: true,
      domain: ["city", "suburb", "town", "rural", "unknown"],
      range: PALETTE,
      label: "Locale",
    },
    marks: [
      Plot.rect([{}], {
        x1: gradThreshold,
        x2: 1,
        y1: 0,
        y2: ccrThreshold,
        fill: PALETTE[5],
        fillOpacity: 0.1,
      }),
      Plot.text([{}], {
        x: 0.99,
        y: ccrThreshold,
        text: () => `graduation > ${settings.high_grad_threshold}%, CCR < ${settings.low_ccr_threshold}%`,
        textAnchor: "end",
        dy: -8,
        fill: PALETTE[5],
      }),
      Plot.ruleX([gradThreshold], { stroke: "#999", strokeDasharray: "3,3" }),
      Plot.ruleY([ccrThreshold], { stroke: "#999", strokeDasharray: "3,3" }),
      Plot.dot(shown, {
        x: "grad_rate",
        y: "ccr_rate",
        fill: "locale",
        r: 4,
        tip: true,
        title: (d) =>
          `${d.name}\nGraduation ${(100 * d.grad_rate).toFixed(1)}%, CCR ${(100 * d.ccr_rate).toFixed(1)}%`,
      }),
      Plot.dot(
        shown.filter((d) => d.district_id === highlight),
        { x: "grad_rate", y: "ccr_rate", r: 9, stroke: "black", strokeWidth: 2 },
      ),
      Plot.text(
        shown.filter((d) => d.district_id === highlight),
        { x: "grad_rate", y: "ccr_rate", text: "name", dy: -14, fontWeight: "bold" },
      ),
    ],
  });
}

/** Subgroup minus the rest of the state, in points, with 95% intervals, sorted by size. */
export function gapChart(gaps, { width }) {
  const shown = gaps.filter((d) => d.gap_pp !== null).sort((a, b) => a.gap_pp - b.gap_pp);
  return plot({
    width: atLeast(width),
    height: 50 + 24 * shown.length,
    marginLeft: 230,
    ariaLabel: "Gap between each student group and the rest of the state, in percentage points",
    x: { label: "Group minus the rest of the state (percentage points)", grid: true },
    y: { label: null, domain: shown.map((d) => d.group) },
    color: {
      domain: [true, false],
      range: [PALETTE[0], "#aaa"],
      legend: true,
      tickFormat: (v) => (v ? "interval excludes zero" : "interval includes zero"),
    },
    marks: [
      Plot.ruleX([0]),
      Plot.ruleY(shown, {
        y: "group",
        x1: "gap_ci_low",
        x2: "gap_ci_high",
        stroke: "excludes_zero",
        strokeWidth: 3,
        strokeOpacity: 0.6,
      }),
      Plot.dot(shown, {
        y: "group",
        x: "gap_pp",
        fill: "excludes_zero",
        r: 4,
        tip: true,
        title: (d) =>
          `${d.group}: ${(100 * d.value).toFixed(1)}% vs ${(100 * d.rest_value).toFixed(1)}% for the rest (${d.gap_pp.toFixed(1)} pts, 95% CI ${d.gap_ci_low.toFixed(1)} to ${d.gap_ci_high.toFixed(1)})`,
      }),
    ],
  });
}

/** Bars of enrollment by revision band with intervals; `band` is the band in words. */
export function bandChart(rows, { width }) {
  const shown = rows.filter((d) => d.value !== null);
  return plot({
    width: atLeast(width),
    height: 50 + 36 * shown.length,
    marginLeft: 190,
    ariaLabel: "Fall enrollment by how often the ISP was revisited in grades 8-12",
    x: { ...percentAxis("Graduates enrolled in the fall"), domain: [0, 1] },
    y: { label: null, domain: shown.map((d) => d.band) },
    marks: [
      Plot.barX(shown, {
        x: "value",
        y: "band",
        fill: (d) => (d.revision_band.includes("every_year") ? PALETTE[1] : PALETTE[0]),
        tip: true,
        title: (d) =>
          `${d.band}: ${(100 * d.value).toFixed(1)}% of ${d.graduates.toLocaleString("en-US")} graduates (95% CI ${(100 * d.ci_low).toFixed(1)}-${(100 * d.ci_high).toFixed(1)})`,
      }),
      Plot.ruleY(shown, { y: "band", x1: "ci_low", x2: "ci_high", stroke: "black" }),
      Plot.ruleX([0]),
    ],
  });
}

/** ISP revisions and reviews per student-year by grade (marts.plan_revisits_by_grade). */
export function revisitsByGradeChart(rows, { width, height = 280 }) {
  return plot({
    width,
    height,
    ariaLabel: "ISP revisions per student-year by grade",
    x: { label: "Grade", tickFormat: "d" },
    y: { label: "Revisions per student-year", grid: true },
    marks: [
      Plot.barY(rows, { x: "grade", y: "per_student_year", fill: PALETTE[0], tip: true }),
      Plot.ruleY([0]),
    ],
  });
}

/** This district against the state and its comparable districts, by class or year (`who` names the line). */
/** A district's lines: itself, the state, and its comparison group (named by the page). */
export function districtTrendChart(data, { width, height = 220, groupName = "comparable districts" }) {
  return plot({
    width,
    height,
    ariaLabel: `Indicator over time for this district, the state and ${groupName}`,
    x: { label: "Class or year", tickFormat: "d" },
    y: { label: "Share", tickFormat: "%", grid: true, domain: [0, 1] },
    color: {
      domain: ["this district", "state", groupName],
      range: [PALETTE[5], PALETTE[0], PALETTE[2]],
      legend: true,
    },
    marks: [
      Plot.line(data, { x: "cohort", y: "value", stroke: "who", strokeWidth: 2 }),
      Plot.dot(data, {
        x: "cohort",
        y: "value",
        fill: "who",
        r: 3,
        tip: true,
        title: (d) => `${d.who}, ${d.cohort}: ${d.value === null ? "n/a" : `${(100 * d.value).toFixed(1)}%`}`,
      }),
    ],
  });
}

/**
 * The effect of yearly revisits: per class and pooled, the raw difference (grey) beside the
 * adjusted estimate with its 95% interval (blue).
 */
export function effectChart(rows, { width }) {
  const shown = rows.filter((d) => d.estimate_pp !== null);
  const order = shown.map((d) => String(d.cohort));
  const name = (d) => (d.cohort === "pooled" ? "all classes" : `class of ${d.cohort}`);
  return plot({
    width: atLeast(width),
    height: 60 + 34 * shown.length,
    marginLeft: 110,
    ariaLabel: "Raw difference and adjusted effect of yearly plan revisits on fall enrollment, by class",
    x: { label: "Percentage points of fall enrollment", grid: true },
    y: { label: null, domain: order, tickFormat: (c) => (c === "pooled" ? "all classes" : `class of ${c}`) },
    color: {
      domain: ["raw difference", "adjusted estimate (95% interval)"],
      range: ["#999", PALETTE[0]],
      legend: true,
    },
    marks: [
      Plot.ruleX([0]),
      Plot.ruleY(shown, {
        y: (d) => String(d.cohort),
        x1: "ci_low_pp",
        x2: "ci_high_pp",
        stroke: PALETTE[0],
        strokeWidth: 3,
        strokeOpacity: 0.6,
      }),
      Plot.dot(shown, {
        y: (d) => String(d.cohort),
        x: "raw_difference_pp",
        fill: "#999",
        symbol: "diamond",
        r: 5,
        tip: true,
        title: (d) => `${name(d)}: raw difference ${d.raw_difference_pp.toFixed(1)} pts`,
      }),
      Plot.dot(shown, {
        y: (d) => String(d.cohort),
        x: "estimate_pp",
        fill: PALETTE[0],
        r: 5,
        tip: true,
        title: (d) =>
          `${name(d)}: adjusted ${d.estimate_pp.toFixed(1)} pts (95% CI ${d.ci_low_pp.toFixed(1)} to ${d.ci_high_pp.toFixed(1)})`,
      }),
    ],
  });
}

/** Covariate balance: standardized mean differences before (grey) and after (blue) weighting. */
export function balanceChart(rows, { width }) {
  const shown = rows.filter((d) => d.smd_before !== null);
  const long = shown.flatMap((d) => [
    { label: d.label, when: "before weighting", smd: d.smd_before },
    { label: d.label, when: "after weighting", smd: d.smd_after },
  ]);
  const order = [...shown]
    .sort((a, b) => Math.abs(b.smd_before) - Math.abs(a.smd_before))
    .map((d) => d.label);
  return plot({
    width: atLeast(width),
    height: 60 + 22 * shown.length,
    marginLeft: 290,
    ariaLabel: "Standardized mean differences of each covariate before and after weighting",
    x: { label: "Standardized mean difference (revisited every year minus the others)", grid: true },
    y: { label: null, domain: order },
    color: { domain: ["before weighting", "after weighting"], range: ["#999", PALETTE[0]], legend: true },
    marks: [
      Plot.ruleX([-0.25, 0.25], { strokeDasharray: "4,3", stroke: PALETTE[5] }),
      Plot.ruleX([-0.05, 0.05], { strokeDasharray: "2,3", stroke: "#bbb" }),
      Plot.ruleX([0]),
      Plot.link(shown, { y1: "label", y2: "label", x1: "smd_before", x2: "smd_after", stroke: "#ccc" }),
      Plot.dot(long, {
        y: "label",
        x: "smd",
        fill: "when",
        r: 4.5,
        tip: true,
        title: (d) => `${d.label}, ${d.when}: ${d.smd.toFixed(3)}`,
      }),
    ],
  });
}

/** Observed against expected fall enrollment of districts or schools, with the 95% interval of the difference. */
export function adjustedRatesChart(rows, { width, highlight }) {
  const shown = rows.filter((d) => d.difference_pp !== null);
  return plot({
    width: atLeast(width),
    height: 380,
    ariaLabel:
      "Observed fall enrollment against the rate expected from students' grade-8 scores and demographics",
    x: { label: "Expected fall enrollment (%), from who the graduates are", grid: true },
    y: { label: "Observed fall enrollment (%)", grid: true },
    color: {
      domain: ["above expected", "as expected", "below expected"],
      range: [PALETTE[2], "#aaa", PALETTE[5]],
      legend: true,
    },
    marks: [
      Plot.line(
        [
          [0, 0],
          [100, 100],
        ].map(([x, y]) => ({ x, y })),
        { x: "x", y: "y", stroke: "#bbb", strokeDasharray: "4,4", clip: true },
      ),
      Plot.dot(shown, {
        x: "expected_pct",
        y: "observed_pct",
        fill: "comparison",
        r: 4.5,
        tip: true,
        title: (d) =>
          `${d.name ?? d.entity_id}: ${d.observed_pct.toFixed(1)}% observed, ${d.expected_pct.toFixed(1)}% expected (${d.difference_pp > 0 ? "+" : ""}${d.difference_pp.toFixed(1)} pts, 95% CI ${d.ci_low_pp.toFixed(1)} to ${d.ci_high_pp.toFixed(1)}); ${d.comparison}`,
      }),
      Plot.dot(
        shown.filter((d) => d.entity_id === highlight),
        { x: "expected_pct", y: "observed_pct", r: 8, stroke: "#000", strokeWidth: 2 },
      ),
    ],
  });
}

/** A class's colleges by entrants (horizontal bars), each labelled with its second-year share. */
export function collegeChart(rows, { width, shareText }) {
  const narrow = width < 640;
  const shown = rows.filter((d) => d.entrants !== null);
  // room for the longest name (about 6.5 px a character at Plot's 10 px), within limits
  const longest = d3max(shown.map((d) => d.college_name.length));
  return plot({
    width: atLeast(width),
    height: 40 + 26 * shown.length,
    marginLeft: narrow ? 150 : Math.min(380, 12 + 6.5 * longest),
    marginRight: narrow ? 70 : 200,
    ariaLabel: "Fall enrollees by first college, with the share enrolled again in the second year",
    x: { label: "Fall enrollees (entrants)", grid: true },
    y: {
      label: null,
      domain: shown.map((d) => d.college_name),
      tickFormat: (s) => (narrow && s.length > 22 ? `${s.slice(0, 21)}…` : s),
    },
    marks: [
      Plot.barX(shown, {
        x: "entrants",
        y: "college_name",
        fill: (d) => (d.college_code === "other" ? PALETTE[4] : PALETTE[0]),
        tip: true,
        title: (d) => `${d.college_name}: ${d.entrants.toLocaleString("en-US")} entrants; ${shareText(d)}`,
      }),
      Plot.text(shown, {
        x: "entrants",
        y: "college_name",
        text: (d) =>
          narrow ? shareText(d, true) : `${d.entrants.toLocaleString("en-US")} · ${shareText(d)}`,
        dx: 4,
        textAnchor: "start",
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** Time to the first degree: per class, the shares with a degree within two, four and six years, stacked. */
export function degreeTimingChart(rows, { width, label, height = 280 }) {
  const order = ["ps_degree_within_2yr", "ps_degree_in_years_3_4", "ps_degree_in_years_5_6"];
  const shown = rows.filter((d) => d.value !== null && order.includes(d.indicator));
  return plot({
    width: atLeast(width),
    height,
    ariaLabel: "Share of graduates with a first degree, by years after high school, per graduating class",
    x: { label: "Graduating class", tickFormat: "d", type: "band" },
    y: { ...percentAxis("Share of graduates with a degree"), zero: true },
    color: { legend: true, domain: order, range: [PALETTE[0], PALETTE[4], PALETTE[1]], tickFormat: label },
    marks: [
      Plot.barY(shown, {
        x: "cohort",
        y: "value",
        fill: "indicator",
        order: order,
        tip: true,
        title: (d) =>
          `Class of ${d.cohort}, ${label(d.indicator).toLowerCase()}: ${(100 * d.value).toFixed(1)}%`,
      }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * What the plans chose, class by class: one row per choice, one column per class, each cell the
 * share of the class's graduates (darker is more). Hidden shares are drawn as empty cells with a
 * dash, so a hidden cell is not mistaken for a share of zero.
 */
export function choiceGridChart(rows, { width, order, label, ariaLabel }) {
  const narrow = width < 640;
  const longest = d3max(order.map((g) => label(g).length));
  // room for the longest label (about 6.2 px a character) up to 45% of the width; longer ones cut
  const marginLeft = Math.min(0.45 * atLeast(width), 12 + 6.2 * longest);
  const fits = Math.floor((marginLeft - 12) / 6.2);
  const classes = [...new Set(rows.map((d) => d.cohort))].sort((a, b) => a - b);
  // on a phone the columns are too narrow for the % sign
  const text = (d) => (d.share === null ? "–" : `${Math.round(100 * d.share)}${narrow ? "" : "%"}`);
  const darkest = d3max(rows.map((d) => d.share ?? 0));
  return plot({
    width: atLeast(width),
    height: 50 + 24 * order.length,
    marginLeft,
    ariaLabel,
    x: { label: "Graduating class", tickFormat: "d", domain: classes, axis: "top" },
    y: {
      label: null,
      domain: order,
      tickFormat: (g) => (label(g).length > fits ? `${label(g).slice(0, fits - 1)}…` : label(g)),
    },
    color: { type: "linear", range: ["#f4f7fb", PALETTE[0]], domain: [0, darkest] },
    marks: [
      Plot.cell(
        rows.filter((d) => d.share === null),
        { x: "cohort", y: "group", fill: "#ffffff", stroke: "#d9dde3", inset: 0.5 },
      ),
      Plot.cell(rows, {
        filter: (d) => d.share !== null,
        x: "cohort",
        y: "group",
        fill: "share",
        stroke: "#d9dde3",
        inset: 0.5,
        tip: true,
        title: (d) => `${label(d.group)}, class of ${d.cohort}: ${(100 * d.share).toFixed(1)}% of graduates`,
      }),
      Plot.text(rows, {
        x: "cohort",
        y: "group",
        text,
        fill: (d) => (d.share !== null && d.share > 0.6 * darkest ? "white" : "#1f2933"),
        fontSize: narrow ? 9 : 10,
      }),
    ],
  });
}
