// After high school page: the state's college list per class, and the paths through college
// (switching, stop-out and return, time to degree) for every class.
import { emit, PUBLISHABLE_INDICATORS, publishable, read } from "./warehouse.ts";

const colleges = await read(`
  select cohort, rank, college_code, college_name, college_level, college_state, public, entrants, second_year,
    value, ci_low, ci_high, unit, suppressed, denominator_suppressed, value_band
  from ${publishable("marts.college_destinations")}
  where level = 'state'
  order by cohort, rank nulls last`);

const paths = await read(`
  select indicator, cohort, numerator, denominator, value, ci_low, ci_high, suppressed, value_band
  from ${PUBLISHABLE_INDICATORS}
  where level = 'state' and subgroup_type = 'all' and indicator in (
    'ps_enrolled_fall', 'ps_persisted', 'ps_completed_6yr', 'ps_degree_within_2yr', 'ps_degree_in_years_3_4',
    'ps_degree_in_years_5_6', 'ps_switched_to_4yr', 'ps_switched_to_2yr', 'ps_stopped_out', 'ps_returned')
  order by indicator, cohort`);

emit({ colleges, paths });
