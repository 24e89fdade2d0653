// The goal page: the attainment series and tracker, and the pipeline of the latest classes.
import { emit, PUBLISHABLE_INDICATORS, read } from "./warehouse.ts";

const attainment = await read(`
  select indicator, cohort as year, value, unit, note from ${PUBLISHABLE_INDICATORS}
  where indicator like 'attainment_%' order by indicator, cohort`);

// ninth graders -> on-time graduates -> CCR -> fall enrollment -> persisted, for classes that
// have each step (counts at state level, subgroup all)
const funnel = await read(`
  select indicator, cohort, numerator, denominator, value from ${PUBLISHABLE_INDICATORS}
  where level = 'state' and subgroup_type = 'all'
    and indicator in ('cohort_grad_4yr', 'ccr_met_rate', 'ps_enrolled_fall', 'ps_persisted')
  order by cohort, indicator`);

emit({ attainment, funnel });
