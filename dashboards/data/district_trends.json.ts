// District pages: each district's series next to the state's and the mean of districts of the
// same locale, for the indicators a district leader compares.
import { emit, PUBLISHABLE_INDICATORS, read } from "./warehouse.ts";

emit(
  await read(`
    with cells as (
      select i.level, i.entity_id, i.indicator, i.cohort, i.value, i.ci_low, i.ci_high, i.suppressed
      from ${PUBLISHABLE_INDICATORS} as i
      where i.level in ('state', 'district') and i.subgroup_type = 'all'
        and i.indicator in ('grad_rate', 'ccr_rate', 'ps_enrolled_fall', 'ccr_met_rate', 'isp_revisited_every_year',
          'isp_by_grade7', 'cohort_grad_4yr')
    ),
    locale_means as (
      select 'locale' as level, coalesce(d.locale, 'unknown') as entity_id, c.indicator, c.cohort,
        avg(c.value) as value, null::double as ci_low, null::double as ci_high, false as suppressed
      from cells as c join core.dim_district as d on d.district_id = c.entity_id
      where c.level = 'district' and c.value is not null
      group by all
    )
    select * from cells
    union all
    select * from locale_means
    order by level, entity_id, indicator, cohort`),
);
