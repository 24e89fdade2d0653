// District pages: each district's series next to the state's and its locale peers', for the
// indicators a district leader compares. Peers are all students of the districts of the same
// locale pooled (the state's cell for that locale: weighted by students, and protected like every
// published cell); the published graduation and CCR rates come without counts, so for them the
// peers are the mean of those districts' rates.
import { emit, PUBLISHABLE_INDICATORS, read } from "./warehouse.ts";

const INDICATORS = [
  "grad_rate",
  "ccr_rate",
  "ps_enrolled_fall",
  "ccr_met_rate",
  "isp_revisited_every_year",
  "isp_by_grade7",
  "cohort_grad_4yr",
];
const list = INDICATORS.map((i) => `'${i}'`).join(", ");

emit(
  await read(`
    with cells as (
      select i.level, i.entity_id, i.indicator, i.cohort, i.value, i.ci_low, i.ci_high, i.suppressed, i.value_band
      from ${PUBLISHABLE_INDICATORS} as i
      where i.level in ('state', 'district') and i.subgroup_type = 'all' and i.indicator in (${list})
    ),
    pooled_peers as (
      select 'locale' as level, i.subgroup as entity_id, i.indicator, i.cohort, i.value, i.ci_low, i.ci_high,
        i.suppressed, i.value_band
      from ${PUBLISHABLE_INDICATORS} as i
      where i.level = 'state' and i.subgroup_type = 'locale' and i.indicator in (${list})
    ),
    rate_peers as (
      select 'locale' as level, d.locale as entity_id, c.indicator, c.cohort,
        avg(c.value) as value, null::double as ci_low, null::double as ci_high, false as suppressed, null as value_band
      from cells as c join marts.districts as d on d.district_id = c.entity_id
      where c.level = 'district' and c.value is not null
        and c.indicator not in (select distinct indicator from pooled_peers)
      group by all
    )
    select * from cells
    union all select * from pooled_peers
    union all select * from rate_peers
    order by level, entity_id, indicator, cohort`),
);
