// Every district in one row: its latest published headline values and who it serves (for the
// districts table, the scatter, and a district page's comparison with districts the reader picks).
import { emit, PUBLISHABLE_INDICATORS, publishable, read } from "./warehouse.ts";

const HEADLINES = [
  "grad_rate",
  "ccr_rate",
  "grad_ccr_gap",
  "high_grad_low_ccr",
  "ps_enrolled_fall",
  "ccr_met_rate",
  "isp_revisited_every_year",
];

emit(
  await read(`
    with latest as (select indicator, cohort from marts.latest_cohorts where level = 'district'),
    cells as (
      select i.entity_id as district_id, i.indicator, i.cohort, i.value, i.value_band
      from ${PUBLISHABLE_INDICATORS} as i join latest using (indicator, cohort)
      where i.level = 'district' and i.subgroup_type = 'all'
    )
    select d.district_id, d.name, d.locale, d.is_charter,
      p.enrollment, p.econ_disadvantaged_pct, p.iep_pct, p.english_learner_pct, p.black_pct, p.hispanic_pct,
      max(cohort) filter (where indicator = 'grad_rate') as accountability_year,
      ${HEADLINES.map(
        (i) => `max(value) filter (where indicator = '${i}') as ${i},
      max(value_band) filter (where indicator = '${i}') as ${i}_band,
      max(cohort) filter (where indicator = '${i}') as ${i}_cohort`,
      ).join(",\n      ")}
    from marts.districts as d
    left join ${publishable("marts.district_profiles")} as p using (district_id)
    left join cells as c using (district_id)
    group by all
    order by d.district_id`),
);
