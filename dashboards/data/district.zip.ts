// One file per district (district/<id>.json in this archive): its trends beside the state, its
// comparable districts, its student groups, its schools, its plans, its colleges and its adjusted
// comparisons.
// A district page loads only its own file. Every query runs once for all districts (set-based)
// and is split here, so the archive costs one pass whatever the number of districts.
import JSZip from "jszip";
import { DISTRICT_TRENDS, emitBytes, PUBLISHABLE_INDICATORS, publishable, read } from "./warehouse.ts";

type Row = Record<string, unknown> & { district_id: string };

const TRENDS = DISTRICT_TRENDS.map((i) => `'${i}'`).join(", ");
const SCHOOL_COLUMNS = [
  "ps_enrolled_fall",
  "ccr_met_rate",
  "cohort_grad_4yr",
  "isp_revisited_every_year",
  "grad_rate",
  "ccr_rate",
]
  .map((i) => `'${i}'`)
  .join(", ");
const DISTRICT_OF_SCHOOL = "split_part(i.entity_id, '-', 1)";

const profiles = await read<Row>(`
  select d.district_id, d.name, d.locale, d.county, d.is_charter, p.school_years, p.enrollment,
    p.econ_disadvantaged_pct, p.english_learner_pct, p.iep_pct, p.black_pct, p.hispanic_pct
  from marts.districts as d left join ${publishable("marts.district_profiles")} as p using (district_id)`);

const comparable = await read<Row>(`
  select c.district_id, c.comparable_id, c.rank, d.name, d.locale
  from ${publishable("marts.comparable_districts")} as c
  join marts.districts as d on d.district_id = c.comparable_id
  order by c.district_id, c.rank`);

// each district and the state by class (the comparison group's line is drawn on the page from
// data/district-trends.json, so that it follows the districts the reader picks)
const stateTrends = await read(`
  select 'state' as level, i.indicator, i.cohort, i.value, i.ci_low, i.ci_high, i.value_band
  from ${PUBLISHABLE_INDICATORS} as i
  where i.level = 'state' and i.subgroup_type = 'all' and i.indicator in (${TRENDS})
  order by i.indicator, i.cohort`);
const trends = await read<Row>(`
  select i.entity_id as district_id, 'district' as level, i.indicator, i.cohort, i.value, i.ci_low, i.ci_high,
    i.value_band
  from ${PUBLISHABLE_INDICATORS} as i
  where i.level = 'district' and i.subgroup_type = 'all' and i.indicator in (${TRENDS})
  order by district_id, indicator, cohort`);

// the state's graduates by the plans' choices, every class (the district tables show its share beside)
const stateChoices = await read(`
  select cohort, subgroup_type, subgroup, denominator
  from ${PUBLISHABLE_INDICATORS}
  where level = 'state' and indicator = 'ccr_met_rate' and subgroup_type in ('all', 'career_cluster', 'endorsement')
  order by cohort, subgroup_type, subgroup`);

// where the district's fall enrollees went: its college list per class (public mart)
const colleges = await read<Row>(`
  select entity_id as district_id, cohort, rank, college_code, college_name, college_level, college_state, public,
    entrants, second_year, value, value_band, unit
  from ${publishable("marts.college_destinations")}
  where level = 'district'
  order by entity_id, cohort, rank nulls last`);

// the student groups of the latest class
const groups = await read<Row>(`
  select i.entity_id as district_id, i.indicator, i.cohort, i.subgroup_type, i.subgroup, i.numerator,
    i.denominator, i.value, i.ci_low, i.ci_high, i.value_band
  from ${PUBLISHABLE_INDICATORS} as i
  join marts.latest_cohorts as l on l.indicator = i.indicator and l.level = i.level and l.cohort = i.cohort
  where i.level = 'district' and i.indicator in ('ps_enrolled_fall', 'ccr_met_rate')
  order by i.entity_id, i.indicator, i.subgroup_type, i.subgroup`);

// the schools with the latest cell of each indicator
const schools = await read<Row>(`
  select s.district_id, s.school_id, s.name, i.indicator, i.cohort, i.value, i.value_band, i.denominator
  from ${PUBLISHABLE_INDICATORS} as i
  join marts.latest_cohorts as l on l.indicator = i.indicator and l.level = i.level and l.cohort = i.cohort
  join marts.schools as s on s.school_id = i.entity_id
  where i.level = 'school' and i.subgroup_type = 'all' and i.indicator in (${SCHOOL_COLUMNS})
  order by s.school_id, i.indicator`);

// plans: the district's latest cell of each ISP indicator (the state's beside it)
const PLANS =
  "i.subgroup_type = 'all' and i.indicator like 'isp_%' and i.indicator <> 'isp_revisions_per_year'";
const statePlans = await read(`
  select 'state' as level, i.indicator, i.cohort, i.value, i.ci_low, i.ci_high, i.value_band, i.denominator
  from ${PUBLISHABLE_INDICATORS} as i
  join marts.latest_cohorts as l on l.indicator = i.indicator and l.level = 'district' and l.cohort = i.cohort
  where i.level = 'state' and ${PLANS}`);
const plans = await read<Row>(`
  select i.entity_id as district_id, 'district' as level, i.indicator, i.cohort, i.value, i.ci_low, i.ci_high,
    i.value_band, i.denominator
  from ${PUBLISHABLE_INDICATORS} as i
  join marts.latest_cohorts as l on l.indicator = i.indicator and l.level = i.level and l.cohort = i.cohort
  where i.level = 'district' and ${PLANS}
  order by i.entity_id, i.indicator`);

const adjusted = await read<Row>(`
  select case when r.level = 'school' then ${DISTRICT_OF_SCHOOL.replace("i.", "r.")} else r.entity_id end as district_id,
    r.level, r.entity_id, r.cohort, r.graduates, r.observed_pct, r.expected_pct, r.difference_pp,
    r.ci_low_pp, r.ci_high_pp, r.adjusted_pct, r.comparison, s.name
  from ${publishable("marts.adjusted_rates")} as r
  left join marts.schools as s on s.school_id = r.entity_id
  order by r.level, r.entity_id, r.cohort`);

/** Rows by district, without the district column. */
function byDistrict(rows: Row[]): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const { district_id, ...rest } of rows) {
    const list = out.get(district_id) ?? [];
    list.push(rest);
    out.set(district_id, list);
  }
  return out;
}

const parts = {
  comparable: byDistrict(comparable),
  trends: byDistrict(trends),
  groups: byDistrict(groups),
  schools: byDistrict(schools),
  plans: byDistrict(plans),
  adjusted: byDistrict(adjusted),
  colleges: byDistrict(colleges),
};
const zip = new JSZip();
for (const profile of profiles) {
  const id = profile.district_id;
  const own = (part: keyof typeof parts) => parts[part].get(id) ?? [];
  zip.file(
    `${id}.json`,
    JSON.stringify({
      profile,
      comparable: own("comparable").map(({ comparable_id, ...d }) => ({ district_id: comparable_id, ...d })),
      trends: [...stateTrends, ...own("trends")],
      groups: own("groups"),
      schools: own("schools"),
      plans: [...statePlans, ...own("plans")],
      stateChoices,
      // the trends' order, so the page does not keep a list of its own
      trendIndicators: DISTRICT_TRENDS,
      adjusted: own("adjusted"),
      colleges: own("colleges"),
    }),
  );
}
emitBytes(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
