// Equity page: each subgroup against the rest of the state, latest cohort of each indicator.
import { emit, publishable, read } from "./warehouse.ts";

emit(
  await read(`
    with gaps as (select * from ${publishable("marts.indicator_gaps")}),
    latest as (select indicator, cohort from marts.latest_cohorts where level = 'state')
    select g.indicator, g.cohort, g.subgroup_type, g.subgroup, g.suppressed, g.value, g.rest_value, g.gap_pp,
      g.gap_ci_low, g.gap_ci_high, g.excludes_zero, g.denominator
    from gaps as g join latest using (indicator, cohort)
    -- groups of students, not the plans' choices (the Plans page shows those)
    where g.level = 'state' and g.subgroup_type not in ('isp_revision_band', 'career_cluster', 'endorsement')
    order by g.indicator, g.subgroup_type, g.subgroup`),
);
