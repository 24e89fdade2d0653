// District pages, by student group: each district's fall enrollment and CCR-met rate for its
// latest class (marts.latest_cohorts), every subgroup, as the public release shows them (a hidden
// cell has no value; a coded one has its band).
import { emit, PUBLISHABLE_INDICATORS, read } from "./warehouse.ts";

emit(
  await read(`
    select i.entity_id as district_id, i.indicator, i.cohort, i.subgroup_type, i.subgroup,
      i.numerator, i.denominator, i.value, i.ci_low, i.ci_high, i.suppressed, i.value_band
    from ${PUBLISHABLE_INDICATORS} as i
    join marts.latest_cohorts as l on l.indicator = i.indicator and l.level = i.level and l.cohort = i.cohort
    where i.level = 'district' and i.indicator in ('ps_enrolled_fall', 'ccr_met_rate') and i.subgroup_type <> 'all'
    order by i.entity_id, i.indicator, i.subgroup_type, i.subgroup`),
);
