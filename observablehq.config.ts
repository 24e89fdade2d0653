// Observable Framework configuration of the Pathways dashboard (built by `pathways dashboard build`).
// Offline rules (ARCHITECTURE.md): bare imports from node_modules only, no npm: imports, no
// implicit Plot/d3/Inputs, no third-party stylesheet. The district pages and the synthetic-data
// banner come from the warehouse the build reads (PATHWAYS_WAREHOUSE).
import { read } from "./dashboards/data/warehouse.ts";

const districtIds = (await read("select district_id from marts.districts order by district_id")).map(
  (r) => r.district_id as string,
);
// the footer states the build's own thresholds (meta.build_info), never numbers written here
const [info] = await read("select synthetic, min_n, code_below, code_above from meta.build_info");
const PAGES = [
  { name: "The 55% goal", path: "/" },
  { name: "Enrollment", path: "/enrollment" },
  { name: "After high school", path: "/after-high-school" },
  { name: "Plans (ISP)", path: "/plans" },
  { name: "Districts", path: "/districts" },
  { name: "Equity", path: "/equity" },
  { name: "Methods and data", path: "/methods" },
];
// our own navigation, a labelled list of links: Framework's sidebar carries an unlabelled toggle and
// a label inside its list, which screen readers (and axe) reject
const nav = `<nav class="site-nav" aria-label="Pages"><ul>${PAGES.map((p) => `<li><a href="${p.path}">${p.name}</a></li>`).join("")}</ul></nav>`;
const banner = info?.synthetic
  ? '<div class="synthetic-banner"><b>Synthetic data.</b> Every district, school and student on this site is fictional, generated to resemble Mississippi\'s published figures. <a href="/methods">Methods</a></div>'
  : "";

export default {
  root: "dashboards",
  // `pathways dashboard build` builds beside dist/ and renames, so a failed build keeps the old site
  output: process.env.PATHWAYS_DASHBOARD_OUT ?? "dist",
  title: "Pathways",
  pages: PAGES,
  sidebar: false,
  dynamicPaths: districtIds.map((id) => `/districts/${id}`),
  style: "style.css",
  globalStylesheets: [],
  // no favicon request (the site makes no request it cannot answer)
  head: '<link rel="icon" href="data:,">',
  header: nav + banner,
  footer: `Pathways · aggregates only: cells with fewer than ${info?.min_n} students are hidden, rates at ${info?.code_below}% or less or ${info?.code_above}% or more are shown as that range, and further cells are hidden wherever they would let a hidden one be worked out (see Methods).`,
  search: false,
};
