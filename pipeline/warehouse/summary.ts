// What a build produced, in words for the person who ran it: the indicators it lacks and why,
// and the headline figures, read back from the published warehouse (marts.indicators).
import { openDb } from "./connection.ts";

export interface IndicatorStatus {
  indicator: string;
  label: string;
  available: boolean;
  cells: number;
  cohorts: string | null;
  reason: string | null;
}

export interface Headline {
  label: string;
  value: string;
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? "n/a" : `${(100 * v).toFixed(1)}%`;
const range = (lo: number, hi: number) => `(95% CI ${pct(lo)}-${pct(hi)})`;

/** Headline figures, each one row (or a pair of rows) of marts.indicators at state level. */
export async function readHeadlines(
  warehouse: string,
): Promise<{ status: IndicatorStatus[]; headlines: Headline[] }> {
  const db = await openDb(warehouse, { readOnly: true });
  try {
    const status = await db.all<IndicatorStatus>(
      "select s.indicator, c.label, s.available, s.cells::int as cells, s.cohorts, s.reason from meta.indicator_status s join marts.indicator_catalog c using (indicator)",
    );
    type Cell = {
      indicator: string;
      cohort: number;
      subgroup: string;
      value: number;
      ci_low: number;
      ci_high: number;
      numerator: number;
      denominator: number;
      note: string | null;
    };
    const cells = await db.all<Cell>(`
      with state as (
        select * from marts.indicators where level = 'state' and not suppressed
      ),
      latest as (
        select indicator, max(cohort) as cohort from state
        where subgroup_type = 'all' and indicator in ('ps_enrolled_fall', 'isp_by_grade7', 'high_grad_low_ccr', 'attainment_pct')
        group by indicator
      )
      select s.indicator, s.cohort::int as cohort, s.subgroup, s.value, s.ci_low, s.ci_high,
        s.numerator::double as numerator, s.denominator::double as denominator, s.note
      from state as s
      left join latest as l using (indicator)
      where (s.subgroup_type = 'all' and (s.cohort = l.cohort or s.indicator in ('ps_enrolled_fall', 'attainment_required_pace', 'attainment_crossing_year', 'attainment_people_gap')))
         or (s.indicator = 'ps_enrolled_fall' and s.subgroup_type in ('isp_revision_band', 'econ_disadvantaged')
             and s.cohort = (select cohort from latest where indicator = 'ps_enrolled_fall'))
      order by s.indicator, s.cohort, s.subgroup`);
    const find = (indicator: string, subgroup = "all", cohort?: number) =>
      cells.find(
        (c) =>
          c.indicator === indicator &&
          c.subgroup === subgroup &&
          (cohort === undefined || c.cohort === cohort),
      );
    const headlines: Headline[] = [];

    const attainment = find("attainment_pct");
    const pace = cells.find((c) => c.indicator === "attainment_required_pace" && c.cohort === 2030);
    const crossing = cells.find((c) => c.indicator === "attainment_crossing_year" && c.cohort === 2030);
    const gap = cells.find((c) => c.indicator === "attainment_people_gap" && c.cohort === 2030);
    if (attainment) {
      headlines.push({
        label: `Attainment, adults 25-64 (${attainment.cohort})`,
        value: `${pct(attainment.value)} against 55% by 2030; needs ${pace?.value.toFixed(2)} points a year; at the current trend it reaches 55% ${crossing?.value ? `in ${crossing.value}` : (crossing?.note ?? "(no trend)")}; ${gap ? `${Math.round(gap.value).toLocaleString("en-US")} more adults with a credential needed` : ""}`,
      });
    }
    const fall = cells.filter((c) => c.indicator === "ps_enrolled_fall" && c.subgroup === "all");
    if (fall.length > 0) {
      const first = fall[0];
      const last = fall[fall.length - 1];
      if (first && last) {
        headlines.push({
          label: "Fall enrollment of graduates (NSC, Aug 15-Oct 31)",
          value: `class of ${first.cohort} ${pct(first.value)} -> class of ${last.cohort} ${pct(last.value)} ${range(last.ci_low, last.ci_high)}`,
        });
        const every = find("ps_enrolled_fall", "every_year", last.cohort);
        const notEvery = find("ps_enrolled_fall", "not_every_year", last.cohort);
        if (every && notEvery) {
          headlines.push({
            label: `Class of ${last.cohort}, plan revisited every year (grades 8-12)`,
            value: `${pct(every.value)} enrolled ${range(every.ci_low, every.ci_high)} vs ${pct(notEvery.value)} when not ${range(notEvery.ci_low, notEvery.ci_high)}: an association, not an effect`,
          });
        }
        const poor = find("ps_enrolled_fall", "yes", last.cohort);
        const notPoor = find("ps_enrolled_fall", "no", last.cohort);
        if (poor && notPoor) {
          headlines.push({
            label: `Class of ${last.cohort}, economically disadvantaged`,
            value: `${pct(poor.value)} enrolled vs ${pct(notPoor.value)} for the other graduates`,
          });
        }
      }
    }
    const isp = find("isp_by_grade7");
    if (isp) {
      headlines.push({
        label: `ISP created by the end of grade 7 (grade 7 in ${isp.cohort - 1}-${String(isp.cohort).slice(2)}, students without an IEP)`,
        value: `${pct(isp.value)} of ${isp.denominator.toLocaleString("en-US")}`,
      });
    }
    const flagged = find("high_grad_low_ccr");
    if (flagged) {
      headlines.push({
        label: `Districts graduating over 75% with CCR under 30% (${flagged.cohort})`,
        value: `${flagged.numerator} of ${flagged.denominator} rated districts`,
      });
    }
    return { status, headlines };
  } finally {
    db.close();
  }
}

export function formatStatus(status: IndicatorStatus[]): string {
  const absent = status.filter((s) => !s.available);
  const partial = status.filter((s) => s.available && s.reason);
  const lines = [`Indicators: ${status.length - absent.length} of ${status.length} available.`];
  for (const s of absent) lines.push(`  absent  ${s.label} (${s.indicator}): ${s.reason}`);
  for (const s of partial) lines.push(`  partial ${s.label} (${s.indicator}): ${s.reason}`);
  return lines.join("\n");
}

export function formatHeadlines(headlines: Headline[]): string {
  return headlines.map((h) => `  ${h.label}:\n    ${h.value}`).join("\n");
}
