// Equity page: each subgroup against the rest of the state, latest cohort of each indicator.
import { emit, read } from "./warehouse.ts";

emit(
  await read(`
    with latest as (
      select indicator, max(cohort) as cohort from marts.indicator_gaps where level = 'state' group by indicator
    )
    select g.indicator, g.cohort, g.subgroup_type, g.subgroup, g.suppressed,
      case when g.suppressed then null else g.value end as value,
      case when g.suppressed then null else g.rest_value end as rest_value,
      case when g.suppressed then null else g.gap_pp end as gap_pp,
      case when g.suppressed then null else g.gap_ci_low end as gap_ci_low,
      case when g.suppressed then null else g.gap_ci_high end as gap_ci_high,
      case when g.suppressed then null else g.excludes_zero end as excludes_zero,
      case when g.suppressed then null else g.denominator end as denominator
    from marts.indicator_gaps as g join latest using (indicator, cohort)
    where g.level = 'state' and g.subgroup_type <> 'isp_revision_band'
    order by g.indicator, g.subgroup_type, g.subgroup`),
);
