// Adjusted comparisons (hidden numbers nulled): statewide gaps raw and adjusted for grade-8
// achievement and economic status, and each district's and school's fall enrollment against the
// rate expected from who its graduates are.
import { emit, publishable, read } from "./warehouse.ts";

const gaps = await read(`
  select * from ${publishable("marts.adjusted_gaps")}
  order by indicator, cohort, subgroup_type, subgroup`);

const rates = await read(`
  select r.level, r.entity_id, r.cohort, r.graduates, r.observed_pct, r.expected_pct, r.difference_pp,
    r.ci_low_pp, r.ci_high_pp, r.adjusted_pct, r.comparison, r.suppressed,
    case when r.level = 'district' then d.name end as name,
    case when r.level = 'school' then split_part(r.entity_id, '-', 1) else r.entity_id end as district_id
  from ${publishable("marts.adjusted_rates")} as r
  left join marts.districts as d on d.district_id::varchar = case when r.level = 'school' then split_part(r.entity_id, '-', 1) else r.entity_id end
  order by r.level, r.entity_id, r.cohort`);

emit({ gaps, rates });
