// The dashboard as a reader sees it: built from a generated state's warehouse, served on
// localhost, opened in headless Chromium (Debian's, or the one @sparticuz/chromium ships in its npm
// package, via playwright-core; see helpers/browser.ts) at desktop and phone
// width. Every page renders its charts with no console error and no request leaving localhost,
// shows words and not codes, and has no serious or critical accessibility violation (axe-core,
// run inside the page); headline numbers equal marts.indicators; the college tables and the
// plans' endorsement grid equal the public marts; a district page names its comparable districts,
// lists its schools, draws the line of the districts the reader picks and prints as a brief of
// at most three pages; dist/ holds aggregates only.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDashboard } from "../pipeline/dashboard/build.ts";
import { serveDashboard } from "../pipeline/dashboard/serve.ts";
import { generateState } from "../pipeline/synth/generate.ts";
import { buildWarehouse } from "../pipeline/warehouse/build.ts";
import { launchChromium } from "./helpers/browser.ts";

const AXE = path.resolve("node_modules/axe-core/axe.min.js");
/** A code as the warehouse spells it (ps_enrolled_fall, two_or_more): never on a page. */
const SNAKE_CASE = /\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g;

import { land, query, scratch } from "./helpers/landing.ts";

const DIR = path.resolve("tests/.out/dashboard");
const WAREHOUSE = path.join(DIR, "warehouse.duckdb");
const DIST = path.join(DIR, "dist");
const SCREENS = path.resolve("tests/.out/screens");
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

let server: Awaited<ReturnType<typeof serveDashboard>>;
let browser: Browser;
let pages: string[];

beforeAll(async () => {
  scratch("dashboard");
  fs.rmSync(SCREENS, { recursive: true, force: true });
  fs.mkdirSync(SCREENS, { recursive: true });
  const state = path.join(DIR, "state");
  await generateState({
    students: 2500,
    // 24 districts: every page and chart, a district flagged high-graduation/low-CCR, charters;
    // more districts (148 at the state scale) and students add build time (district pages,
    // disclosure cells), not coverage
    districts: 24,
    seed: 9,
    // five classes are enough for every chart (trends, persistence for 2021-2023); ten doubled
    // the cells the disclosure step protects and so the time of the suite
    firstClass: 2021,
    lastClass: 2025,
    out: state,
    memoryLimit: "1GB",
  });
  fs.rmSync(path.join(state, "normalized"), { recursive: true });
  await land(path.join(DIR, "landing.duckdb"), [state]);
  await buildWarehouse({ target: WAREHOUSE, landing: path.join(DIR, "landing.duckdb") });
  await buildDashboard({ warehouse: WAREHOUSE, dist: DIST });
  server = await serveDashboard(DIST, 0);
  const launched = await launchChromium();
  browser = launched.browser;
  console.log(`browser: ${launched.which}`);
  // two district pages: the first district, and the first one flagged high graduation / low CCR
  const [flagged] = await query<{ id: string }>(
    WAREHOUSE,
    `select entity_id as id from marts.indicators where indicator = 'high_grad_low_ccr' and level = 'district'
     and value = 1 order by cohort desc, entity_id limit 1`,
  );
  pages = [
    "",
    "enrollment",
    "after-high-school",
    "plans",
    "districts",
    "equity",
    "methods",
    "districts/9001",
    `districts/${flagged?.id}`,
  ];
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(pagePath: string, viewport: keyof typeof VIEWPORTS) {
  const page = await browser.newPage({ viewport: VIEWPORTS[viewport] });
  const errors: string[] = [];
  const external: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith("data:") && !r.url().startsWith("blob:"))
      external.push(r.url());
  });
  await page.goto(`${server.url}/${pagePath}`, { waitUntil: "networkidle" });
  // charts render after their data arrive; give a loaded machine time before counting them
  if (pagePath !== "methods") {
    await page.waitForSelector("svg[aria-label] g[aria-label]", { timeout: 15_000 }).catch(() => undefined);
  }
  await page.waitForTimeout(300);
  return { page, errors, external };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

describe("the dashboard in a browser", () => {
  it("renders every page with charts, no console error and no request off localhost, at two widths", async () => {
    for (const viewport of ["desktop", "phone"] as const) {
      for (const p of pages) {
        const { page, errors, external } = await open(p, viewport);
        const charts = await page.locator("svg[aria-label]").count();
        const marks = await page.locator("svg[aria-label] g[aria-label] > *").count();
        const banner = await page.getByText("Synthetic data.").count();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        // innerText: the text a reader sees (not attributes, not hidden elements)
        // biome-ignore lint/performance/useDomNodeTextContent: visible text is what is checked
        const visible = await page.evaluate(() => document.body.innerText);
        const codes = [...new Set(visible.match(SNAKE_CASE) ?? [])];
        // the DOM is the same at both widths: axe once, at desktop width
        let violations: string[] = [];
        if (viewport === "desktop") {
          await page.addScriptTag({ path: AXE });
          violations = await page.evaluate(async () => {
            // biome-ignore lint/suspicious/noExplicitAny: axe is a global the script tag defines
            const result = await (window as any).axe.run(document);
            return result.violations
              .filter((v: { impact: string }) => v.impact === "serious" || v.impact === "critical")
              .map(
                (v: { id: string; nodes: { html: string }[] }) =>
                  `${v.id}: ${v.nodes[0]?.html.slice(0, 120)}`,
              );
          });
        }
        await page.screenshot({
          path: path.join(SCREENS, `${viewport}-${(p || "index").replace("/", "-")}.png`),
          fullPage: true,
        });
        await page.close();
        expect({ p, viewport, errors, external, codes, violations }).toEqual({
          p,
          viewport,
          errors: [],
          external: [],
          codes: [],
          violations: [],
        });
        if (p !== "methods") expect([p, charts > 0, marks > 0]).toEqual([p, true, true]);
        expect([p, banner > 0]).toEqual([p, true]);
        expect([p, viewport, overflow <= 1]).toEqual([p, viewport, true]);
      }
    }
  }, 300_000);

  it("shows the headline numbers of marts.indicators", async () => {
    const [fall] = await query<{ cohort: number; value: number }>(
      WAREHOUSE,
      `select cohort::int as cohort, value from marts.indicators where indicator = 'ps_enrolled_fall' and level = 'state'
       and subgroup_type = 'all' order by cohort desc limit 1`,
    );
    const [flagged] = await query<{ numerator: number; denominator: number }>(
      WAREHOUSE,
      `select numerator::int as numerator, denominator::int as denominator from marts.indicators
       where indicator = 'high_grad_low_ccr' and level = 'state' order by cohort desc limit 1`,
    );
    const [attainment] = await query<{ value: number }>(
      WAREHOUSE,
      "select value from marts.indicators where indicator = 'attainment_pct' order by cohort desc limit 1",
    );
    const enrollment = await open("enrollment", "desktop");
    const fallCard = enrollment.page.locator(".card", { hasText: `Class of ${fall?.cohort}, fall` });
    expect(await fallCard.locator(".big").textContent()).toBe(pct(fall?.value ?? Number.NaN));
    await enrollment.page.close();
    const districts = await open("districts", "desktop");
    const card = districts.page.locator(".card", { hasText: "High graduation, low CCR" });
    expect(await card.locator(".big").textContent()).toBe(`${flagged?.numerator} of ${flagged?.denominator}`);
    await districts.page.close();
    const goal = await open("", "desktop");
    expect(await goal.page.locator(".card .big").first().textContent()).toBe(
      pct(attainment?.value ?? Number.NaN),
    );
    await goal.page.close();
  }, 120_000);
});

/** The cells of a page's college table, row by row (its six columns). */
async function collegeTable(page: Page): Promise<string[][]> {
  const cells = await page
    .locator("table", { hasText: "Share of fall enrollees" })
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")),
    );
  // the first cell of a row is the (empty) row-number column when there is one
  return cells.map((c) => c.filter((_, i) => i >= c.length - 6));
}

describe("the after-high-school page", () => {
  it("lists the colleges of the latest class with second-year data, as the public college table has them", async () => {
    const rows = await query<{
      cohort: number;
      college_name: string;
      entrants: number;
      value: number | null;
    }>(
      WAREHOUSE,
      `with shown as (
         select * from marts.college_destinations where level = 'state' and not denominator_suppressed
       )
       select cohort::int as cohort, college_name, entrants::int as entrants, case when not suppressed then value end as value
       from shown
       where cohort = (select max(cohort) from shown where unit = 'proportion')
       order by rank nulls last`,
    );
    expect(rows.length).toBeGreaterThan(1); // a listed college and all other colleges
    const { page } = await open("after-high-school", "desktop");
    const body = await collegeTable(page);
    expect(body.map((c) => c[0])).toEqual(rows.map((r) => r.college_name));
    expect(body.map((c) => Number(c[3]?.replaceAll(",", "")))).toEqual(rows.map((r) => r.entrants));
    expect(body.map((c) => c[5])).toEqual(
      rows.map((r) => (r.value === null ? expect.any(String) : `${Math.round(100 * r.value)}%`)),
    );
    await page.close();
  });
});

describe("the plans page", () => {
  it("draws the state's graduates by endorsement, class by class, as the public indicators have them", async () => {
    // every class's graduates (readiness denominators) by the plan's endorsement: a hidden
    // denominator is a dash, a value no graduate of the class chose is 0%
    const rows = await query<{ cohort: number; subgroup: string; text: string }>(
      WAREHOUSE,
      `with cells as (
         select cohort, subgroup_type, subgroup, case when not denominator_suppressed then denominator end as graduates
         from marts.indicators where indicator = 'ccr_met_rate' and level = 'state'
       ),
       classes as (select cohort, graduates as all_graduates from cells where subgroup_type = 'all'),
       chosen as (select distinct subgroup from cells where subgroup_type = 'endorsement')
       select c.cohort::int as cohort, e.subgroup,
         case when x.subgroup is null then '0%' when x.graduates is null or c.all_graduates is null then '–'
           else round(100 * x.graduates / c.all_graduates)::int || '%' end as text
       from classes c cross join chosen e
       left join cells x on x.cohort = c.cohort and x.subgroup_type = 'endorsement' and x.subgroup = e.subgroup
       order by 1, 2`,
    );
    expect(rows.some((r) => r.text.endsWith("%") && r.text !== "0%")).toBe(true);
    const { page } = await open("plans", "desktop");
    const texts = await page
      .locator(
        'svg[aria-label="Share of graduates by endorsement in the plan, per class"] g[aria-label="text"] text',
      )
      .allTextContents();
    await page.close();
    // Math.round and DuckDB's round agree except on exact halves, which a share of graduates
    // almost never is; compare as multisets (the grid's order is the catalog's), without the %
    // sign a narrow card leaves out
    const bare = (t: string[]) => t.map((x) => x.replace("%", "")).sort();
    expect(bare(texts)).toEqual(bare(rows.map((r) => r.text)));
  });
});

describe("a district page", () => {
  it("lists the district's colleges as the public college table has them, and draws the picked districts' line", async () => {
    // the district with the most published college rows
    const [top] = await query<{ id: string }>(
      WAREHOUSE,
      `select entity_id as id from marts.college_destinations where level = 'district' and not denominator_suppressed
       group by 1 order by count(*) desc, 1 limit 1`,
    );
    expect(top).toBeDefined();
    const rows = await query<{ college_name: string; entrants: number }>(
      WAREHOUSE,
      `with shown as (
         select * from marts.college_destinations where level = 'district' and entity_id = '${top?.id}'
       )
       select college_name, entrants::int as entrants from shown
       where not denominator_suppressed
         and cohort = coalesce((select max(cohort) from shown where unit = 'proportion'), (select max(cohort) from shown))
       order by rank nulls last`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const { page } = await open(`districts/${top?.id}`, "desktop");
    const body = await collegeTable(page);
    expect(body.map((c) => c[0])).toEqual(rows.map((r) => r.college_name));
    expect(body.map((c) => Number(c[3]?.replaceAll(",", "")))).toEqual(rows.map((r) => r.entrants));

    // pick two other districts: the comparison line becomes theirs (one dot per class where
    // either has a published fall-enrollment value)
    const picks = await query<{ id: string; name: string }>(
      WAREHOUSE,
      `select district_id as id, name from marts.districts where district_id <> '${top?.id}' order by district_id limit 2`,
    );
    const [classes] = await query<{ n: number }>(
      WAREHOUSE,
      `select count(distinct cohort)::int as n from marts.indicators
       where indicator = 'ps_enrolled_fall' and level = 'district' and subgroup_type = 'all' and not suppressed
         and value_band is null and entity_id in (${picks.map((p) => `'${p.id}'`).join(", ")})`,
    );
    // Inputs.select's options carry indices as values: pick by the names shown
    expect(classes?.n).toBeGreaterThan(0);
    await page.locator("select[multiple]").selectOption(picks.map((p) => ({ label: p.name })));
    const footnote = page.locator("p.footnote", { hasText: "The districts picked: the mean" });
    await footnote.waitFor();
    expect(await footnote.textContent()).toContain("of the 2 district(s) picked above");
    const fallChart = page
      .locator(".trends .card", { hasText: "Enrolled in college in the fall" })
      .locator("svg")
      .last();
    const groupDots = await fallChart.locator('g[aria-label="dot"] circle[fill="#009E73"]').count();
    await page.close();
    expect(groupDots).toBe(classes?.n);
  });

  it("names the comparable districts, lists the district's schools, and prints as a brief of at most three pages", async () => {
    for (const p of pages.filter((x) => x.startsWith("districts/"))) {
      const id = p.split("/")[1];
      const comparable = await query<{ name: string }>(
        WAREHOUSE,
        `select d.name from marts.comparable_districts c join marts.districts d on d.district_id = c.comparable_id
         where c.district_id = '${id}' order by c.rank`,
      );
      // the schools with a cell (shown or suppressed) of the table's indicators in their latest cohort
      const schools = await query<{ name: string }>(
        WAREHOUSE,
        `select distinct s.name from marts.schools s join marts.indicators i on i.entity_id = s.school_id
         join marts.latest_cohorts l using (indicator, level, cohort)
         where s.district_id = '${id}' and i.level = 'school' and i.subgroup_type = 'all'
           and i.indicator in ('ps_enrolled_fall', 'ccr_met_rate', 'cohort_grad_4yr', 'isp_revisited_every_year', 'grad_rate', 'ccr_rate')
         order by 1`,
      );
      const { page } = await open(p, "desktop");
      const peerTable = (await page.locator("table", { hasText: "(this district)" }).textContent()) ?? "";
      const schoolTable =
        (await page.locator("table", { hasText: "Fall college enrollment" }).textContent()) ?? "";
      const pdf = await page.pdf({ format: "Letter" });
      await page.close();
      expect([p, comparable.length]).toEqual([p, 10]);
      for (const c of comparable) expect([p, peerTable.includes(c.name)]).toEqual([p, true]);
      expect([p, schools.length > 0]).toEqual([p, true]);
      for (const s of schools) expect([p, s.name, schoolTable.includes(s.name)]).toEqual([p, s.name, true]);
      const printed = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect([p, printed >= 1 && printed <= 3]).toEqual([p, true]);
    }
  }, 120_000);
});

describe("the built site", () => {
  it("holds aggregates only: no student_key, and no number behind fewer than min_n students", () => {
    const files = fs.readdirSync(DIST, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    for (const f of files) {
      const text = fs.readFileSync(path.join(f.parentPath, f.name), "utf8");
      expect([f.name, text.includes("student_key")]).toEqual([f.name, false]);
    }
    const data = files.filter((f) => f.name.endsWith(".json") && f.parentPath.includes("_file"));
    expect(data.length).toBeGreaterThanOrEqual(6);
    let checked = 0;
    const visit = (v: unknown, file: string) => {
      if (Array.isArray(v)) for (const x of v) visit(x, file);
      else if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        for (const size of ["denominator", "graduates"]) {
          if (typeof o[size] === "number" && size in o) {
            checked++;
            expect([file, (o[size] as number) >= 10]).toEqual([file, true]);
          }
        }
        if (o.suppressed === true) expect([file, o.value ?? null]).toEqual([file, null]);
        for (const x of Object.values(o)) if (typeof x === "object") visit(x, file);
      }
    };
    for (const f of data) visit(JSON.parse(fs.readFileSync(path.join(f.parentPath, f.name), "utf8")), f.name);
    expect(checked).toBeGreaterThan(1000);
  });
});
