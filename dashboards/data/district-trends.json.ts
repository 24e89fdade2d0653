// Every district's published values of the district-page trends, by class: a district page draws
// its comparison group's line from these, as the mean of the districts the reader picks. Values
// only (hidden and coded cells are left out, as they count in no mean).
import { DISTRICT_TRENDS, emit, PUBLISHABLE_INDICATORS, read } from "./warehouse.ts";

emit(
  await read(`
    select entity_id as district_id, indicator, cohort, round(value, 4) as value
    from ${PUBLISHABLE_INDICATORS}
    where level = 'district' and subgroup_type = 'all' and value is not null
      and indicator in (${DISTRICT_TRENDS.map((i) => `'${i}'`).join(", ")})
    order by district_id, indicator, cohort`),
);
