// Enrollment page: state-level postsecondary indicators for every class and subgroup.
import { emit, PUBLISHABLE_INDICATORS, read } from "./warehouse.ts";

emit(
  await read(`
    select indicator, cohort, subgroup_type, subgroup, numerator, denominator, value, ci_low, ci_high, suppressed, value_band
    from ${PUBLISHABLE_INDICATORS}
    where level = 'state' and (indicator like 'ps_%' or indicator = 'ccr_met_rate')
    order by indicator, cohort, subgroup_type, subgroup`),
);
