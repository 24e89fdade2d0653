// Districts page: every district's published graduation and CCR rates for the latest
// accountability year, with its locale, and its student-record indicators for the latest class.
import { emit, PUBLISHABLE_INDICATORS, read } from "./warehouse.ts";

emit(
  await read(`
    with latest as (select indicator, cohort from marts.latest_cohorts where level = 'district'),
    cells as (
      select i.entity_id as district_id, i.indicator, i.cohort, i.value, i.value_band
      from ${PUBLISHABLE_INDICATORS} as i join latest using (indicator, cohort)
      where i.level = 'district' and i.subgroup_type = 'all'
    )
    select d.district_id, d.name, d.locale, d.is_charter,
      max(cohort) filter (where indicator = 'grad_rate') as accountability_year,
      max(value) filter (where indicator = 'grad_rate') as grad_rate,
      max(value) filter (where indicator = 'ccr_rate') as ccr_rate,
      max(value) filter (where indicator = 'grad_ccr_gap') as grad_ccr_gap,
      max(value) filter (where indicator = 'high_grad_low_ccr') as high_grad_low_ccr,
      max(cohort) filter (where indicator = 'ps_enrolled_fall') as class,
      max(value) filter (where indicator = 'ps_enrolled_fall') as ps_enrolled_fall,
      max(value_band) filter (where indicator = 'ps_enrolled_fall') as ps_enrolled_fall_band,
      max(value) filter (where indicator = 'ccr_met_rate') as ccr_met_rate,
      max(value) filter (where indicator = 'isp_revisited_every_year') as isp_revisited_every_year,
      max(value_band) filter (where indicator = 'isp_revisited_every_year') as isp_revisited_every_year_band
    from marts.districts as d left join cells as c using (district_id)
    group by all
    order by d.district_id`),
);
